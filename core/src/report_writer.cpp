// write_report: the model built and rendered into a temporary file beside `out`, renamed over
// it only when everything worked, so a failure or a cancel leaves no partial report.
#include "chorus/report.hpp"

#include "chorus/error.hpp"
#include "chorus/progress.hpp"
#include "chorus/uuid.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace chorus {

void write_report(Store& store, const ReportOptions& options, ReportFormat format, const std::filesystem::path& out,
                  Progress* progress, bool overwrite)
{
    std::error_code error;
    if (!overwrite && std::filesystem::exists(out, error))
        throw Error(out.string() + ": the file exists; choose another name or allow overwriting (--force)");
    const std::filesystem::path folder = out.parent_path().empty() ? "." : out.parent_path();
    if (!std::filesystem::is_directory(folder, error))
        throw Error(out.string() + ": the folder " + folder.string() + " does not exist");

    const Report report = build_report(store, options, progress);
    if (progress) {
        if (progress->cancelled())
            throw Cancelled();
        progress->update(0, 0, format == ReportFormat::pdf ? "drawing the PDF" : "writing the HTML");
    }

    const std::filesystem::path temporary = folder / ("." + out.filename().string() + "." + new_uuid() + ".tmp");
    const auto discard = [&] {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
    };
    try {
        if (format == ReportFormat::pdf) {
            render_report_pdf(report, temporary, progress);
        } else {
            std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
            if (!file)
                throw Error(out.string() + ": cannot write in " + folder.string() + " (" + std::strerror(errno) + ")");
            file << render_report_html(report);
            file.flush();
            if (!file)
                throw Error(out.string() + ": writing the report failed (" + std::strerror(errno) + ")");
        }
        if (progress && progress->cancelled())
            throw Cancelled();
        std::filesystem::rename(temporary, out, error);
        if (error)
            throw Error(out.string() + ": cannot replace the file (" + error.message() + ")");
    } catch (...) {
        discard();
        throw;
    }
}

} // namespace chorus
