// XLSX export (libxlsxwriter): a "Measures" sheet first when measures are exported, then one
// sheet per instrument with a row per response. Integer, decimal and 0-10 rating answers,
// versions and measure figures are numeric cells; dates and times are ISO 8601 text (as in
// the CSV export), which no spreadsheet misreads as another day or time zone.
#include "data_export_internal.hpp"

#include "chorus/error.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>

namespace chorus::exporting {

namespace {

struct WorkbookCloser {
    void operator()(lxw_workbook* workbook) const { workbook_close(workbook); }
};
using Workbook = std::unique_ptr<lxw_workbook, WorkbookCloser>;

std::string lowered(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Sheet names have at most 31 characters and are unique ignoring case.
std::string sheet_name(std::string name, std::vector<std::string>& used)
{
    name = name.substr(0, 31);
    std::string candidate = name;
    for (int n = 2; std::find(used.begin(), used.end(), lowered(candidate)) != used.end(); ++n) {
        const std::string suffix = "~" + std::to_string(n);
        candidate = name.substr(0, 31 - suffix.size()) + suffix;
    }
    used.push_back(lowered(candidate));
    return candidate;
}

class SheetWriter {
public:
    SheetWriter(lxw_worksheet* sheet, const std::string& file) : sheet_(sheet), file_(file) {}

    void text(lxw_row_t row, lxw_col_t column, const std::string& value, lxw_format* format = nullptr)
    {
        if (!value.empty())
            check(worksheet_write_string(sheet_, row, column, value.c_str(), format));
    }
    void number(lxw_row_t row, lxw_col_t column, double value, lxw_format* format = nullptr)
    {
        check(worksheet_write_number(sheet_, row, column, value, format));
    }

private:
    void check(lxw_error error)
    {
        if (error != LXW_NO_ERROR)
            throw Error("cannot write the XLSX export " + file_ + ": " + lxw_strerror(error));
    }
    lxw_worksheet* sheet_;
    const std::string& file_;
};

void write_answer(SheetWriter& sheet, lxw_row_t row, lxw_col_t column, const Question& question, const Answer& answer)
{
    if (const auto* number = std::get_if<std::int64_t>(&answer)) {
        sheet.number(row, column, static_cast<double>(*number));
        return;
    }
    if (const auto* number = std::get_if<double>(&answer)) {
        sheet.number(row, column, *number);
        return;
    }
    if (const auto* code = std::get_if<std::string>(&answer); code && question.type == QuestionType::rating_0_10) {
        int value = 0;
        const auto [end, error] = std::from_chars(code->data(), code->data() + code->size(), value);
        if (error == std::errc{} && end == code->data() + code->size()) {
            sheet.number(row, column, value);
            return;
        }
    }
    sheet.text(row, column, answer_text(answer));
}

void write_instrument_sheet(ExportRun& run, lxw_workbook* workbook, const ExportedInstrument& instrument,
                            std::vector<std::string>& names, lxw_format* bold, const std::string& file)
{
    lxw_worksheet* worksheet = workbook_add_worksheet(workbook, sheet_name(instrument.id, names).c_str());
    if (worksheet == nullptr)
        throw Error("cannot add a sheet for " + instrument.id + " to the XLSX export " + file);
    SheetWriter sheet(worksheet, file);
    const bool identifiable = run.options().identifiable;
    const std::vector<const Question*> questions = run.kept_questions(instrument);

    std::vector<std::string> header{"uuid", "version", "captured_at"};
    if (identifiable)
        header.emplace_back("captured_by");
    header.insert(header.end(), {"team", "respondent_type"});
    const auto first_question = static_cast<lxw_col_t>(header.size());
    for (const Question* question : questions)
        header.push_back(question->key);
    for (std::size_t column = 0; column < header.size(); ++column)
        sheet.text(0, static_cast<lxw_col_t>(column), header[column], bold);

    lxw_row_t row = 0;
    run.for_each_response(instrument, [&](const Response& response) {
        if (row + 1 >= LXW_ROW_MAX)
            throw Error(instrument.id + " has more responses than an XLSX sheet holds (1,048,575); "
                                        "export it as CSV or JSON, or one period at a time");
        ++row;
        lxw_col_t column = 0;
        sheet.text(row, column++, response.uuid);
        sheet.number(row, column++, response.instrument_version);
        sheet.text(row, column++, response.captured_at);
        if (identifiable)
            sheet.text(row, column++, response.captured_by);
        sheet.text(row, column++, response.team);
        sheet.text(row, column++, response.respondent_type);
        for (std::size_t i = 0; i < questions.size(); ++i) {
            const auto answer = response.answers.find(questions[i]->key);
            if (answer != response.answers.end())
                write_answer(sheet, row, static_cast<lxw_col_t>(first_question + i), *questions[i], answer->second);
        }
    });
}

// A figure's value as a number formatted with the measure's decimals, "c" when suppressed
// (its base and counts never written), "-" when there is no data.
void write_value(SheetWriter& sheet, lxw_row_t row, lxw_col_t column, const MeasureDefinition& measure,
                 const MeasureFigures& figures, lxw_format* format)
{
    if (figures.suppressed || !figures.value)
        sheet.text(row, column, display_value(measure, figures));
    else
        sheet.number(row, column, *figures.value, format);
}

void write_measures_sheet(lxw_workbook* workbook, const ExportedMeasures& measures, std::vector<std::string>& names,
                          lxw_format* bold, const std::string& file)
{
    lxw_worksheet* worksheet = workbook_add_worksheet(workbook, sheet_name("Measures", names).c_str());
    if (worksheet == nullptr)
        throw Error("cannot add the measures sheet to the XLSX export " + file);
    SheetWriter sheet(worksheet, file);
    lxw_format* decimals[4];
    for (int places = 0; places < 4; ++places) {
        decimals[places] = workbook_add_format(workbook);
        format_set_num_format(decimals[places], places == 0 ? "0" : ("0." + std::string(places, '0')).c_str());
    }
    const std::vector<std::string> header{"measure", "title", "plan_area", "kind", "period", "value", "base",
                                          "positive", "target", "rag", "previous_period", "previous_value",
                                          "against_previous", "year_before_value", "against_year_before"};
    for (std::size_t column = 0; column < header.size(); ++column)
        sheet.text(0, static_cast<lxw_col_t>(column), header[column], bold);
    lxw_row_t row = 0;
    for (const MeasureResult& result : measures.results) {
        const MeasureDefinition& measure = *result.measure;
        lxw_format* format = decimals[std::clamp(measure.decimals, 0, 3)];
        ++row;
        sheet.text(row, 0, measure.id);
        sheet.text(row, 1, measure.title);
        sheet.text(row, 2, measure.plan_area);
        sheet.text(row, 3, measure.is_count() ? "count" : "percentage");
        sheet.text(row, 4, result.current.period.label());
        write_value(sheet, row, 5, measure, result.current, format);
        if (!result.current.suppressed) {
            sheet.number(row, 6, static_cast<double>(result.current.base));
            if (!measure.is_count())
                sheet.number(row, 7, static_cast<double>(result.current.positive));
        }
        if (measure.target)
            sheet.number(row, 8, *measure.target, format);
        sheet.text(row, 9, std::string(to_string(result.rag)));
        sheet.text(row, 10, result.previous.period.label());
        write_value(sheet, row, 11, measure, result.previous, format);
        sheet.text(row, 12, std::string(to_string(result.against_previous)));
        write_value(sheet, row, 13, measure, result.year_before, format);
        sheet.text(row, 14, std::string(to_string(result.against_year_before)));
    }
}

} // namespace

void write_xlsx(ExportRun& run, const std::filesystem::path& file)
{
    const std::string name = file.string();
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE; // rows go to disk as written: a million rows fit
    const std::string folder = file.parent_path().empty() ? "." : file.parent_path().string();
    options.tmpdir = const_cast<char*>(folder.c_str()); // libxlsxwriter's scratch files, beside the export
    Workbook workbook(workbook_new_opt(name.c_str(), &options));
    if (!workbook)
        throw Error("cannot write " + folder + ": the XLSX export could not be started");
    lxw_format* bold = workbook_add_format(workbook.get());
    format_set_bold(bold);

    std::vector<std::string> names;
    if (run.options().measures)
        write_measures_sheet(workbook.get(), *run.options().measures, names, bold, name);
    // Every instrument means every one with responses to export (plugins bring many that have
    // none); named ones always get their sheet, and a workbook always has one.
    const bool named = !run.options().instruments.empty();
    for (const ExportedInstrument& instrument : run.instruments())
        if (named || instrument.responses > 0 || (names.empty() && &instrument == &run.instruments().back())) {
            write_instrument_sheet(run, workbook.get(), instrument, names, bold, name);
            ++run.instrument_sheets;
        }
    if (const lxw_error error = workbook_close(workbook.release()); error != LXW_NO_ERROR)
        throw Error("cannot write the XLSX export " + name + ": " + lxw_strerror(error));
}

} // namespace chorus::exporting
