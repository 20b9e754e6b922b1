// CSV export (RFC 4180, UTF-8): one instrument version, one row per response, with the
// header `responses import` reads back: uuid, captured_at, [captured_by], team,
// respondent_type, then the question keys.
#include "data_export_internal.hpp"

#include "chorus/error.hpp"

#include <fstream>

namespace chorus::exporting {

namespace {

// Quoted when it holds a separator, a quote or a line break; quotes inside are doubled.
void write_field(std::ostream& out, std::string_view field)
{
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out << field;
        return;
    }
    out << '"';
    for (const char c : field) {
        if (c == '"')
            out << '"';
        out << c;
    }
    out << '"';
}

void write_record(std::ostream& out, const std::vector<std::string>& fields)
{
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out << ',';
        write_field(out, fields[i]);
    }
    out << "\r\n";
}

} // namespace

void write_csv(ExportRun& run, const std::filesystem::path& file)
{
    const ExportedInstrument& instrument = run.instruments().front();
    const std::vector<const Question*> questions = run.kept_questions(instrument);
    const bool identifiable = run.options().identifiable;

    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out)
        throw Error("cannot write " + file.parent_path().string() + ": the folder is not writable");
    if (run.options().bom)
        out << "\xEF\xBB\xBF";

    std::vector<std::string> fields{"uuid", "captured_at"};
    if (identifiable)
        fields.emplace_back("captured_by");
    fields.insert(fields.end(), {"team", "respondent_type"});
    for (const Question* question : questions)
        fields.push_back(question->key);
    write_record(out, fields);

    run.for_each_response(instrument, [&](const Response& response) {
        fields = {response.uuid, response.captured_at};
        if (identifiable)
            fields.push_back(response.captured_by);
        fields.insert(fields.end(), {response.team, response.respondent_type});
        for (const Question* question : questions) {
            const auto answer = response.answers.find(question->key);
            fields.push_back(answer == response.answers.end() ? std::string() : answer_text(answer->second));
        }
        write_record(out, fields);
    });
    out.close();
    if (!out)
        throw Error("cannot write the export beside " + file.parent_path().string() + " (is the disk full?)");
}

} // namespace chorus::exporting
