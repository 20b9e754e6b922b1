#pragma once
// `chorus-cli export --format html|pdf`: the plan report (docs/report.md) written through
// chorus::write_report. Kept apart from the data exports (csv, xlsx, json) so the `export`
// command can hand the report formats here.
#include "commands.hpp"

#include "chorus/report.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace chorus::cli {

struct ReportExportArguments {
    ReportFormat format = ReportFormat::html;
    std::filesystem::path out;
    Period period;
    std::optional<std::filesystem::path> set; // the measure set file; none: no measures table
    std::int64_t threshold = default_disclosure_threshold;
    bool force = false;     // replace an existing out
    std::string instrument; // "" = every instrument with responses in the period
};

// The report options from the command line (--format must be html or pdf).
ReportExportArguments report_export_arguments(const Arguments& arguments);

int export_report(Context& context, const ReportExportArguments& arguments);

} // namespace chorus::cli
