// XLSForm (.xlsx with survey, choices and settings sheets) -> Instrument.
// The mapping is documented in docs/import-formats.md.
#include "import_builder.hpp"
#include "json_reading.hpp"
#include "text_util.hpp"
#include "xlsx_reader.hpp"

#include <algorithm>
#include <charconv>
#include <climits>
#include <map>
#include <optional>

namespace chorus {

namespace {

std::string lower(std::string_view text)
{
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

// "select_one  colors" -> "select_one colors": words separated by single spaces.
std::string normalised_words(std::string_view text)
{
    std::string result;
    for (char c : trim(text)) {
        const bool space = c == ' ' || c == '\t';
        if (!space)
            result += c;
        else if (!result.empty() && result.back() != ' ')
            result += ' ';
    }
    return result;
}

// A sheet's columns by header. A header such as "label::English (en)" (or the older
// "label:english") is the column `label` in one language.
class SheetColumns {
public:
    SheetColumns(const XlsxSheet& sheet, std::string default_language)
        : default_language_(lower(default_language))
    {
        if (sheet.rows.empty())
            return;
        header_row_ = sheet.rows.front().number;
        const auto& cells = sheet.rows.front().cells;
        for (std::size_t i = 0; i < cells.size(); ++i)
            if (!trim(cells[i]).empty())
                headers_.emplace_back(std::string(trim(cells[i])), i);
    }

    int header_row() const { return header_row_; }
    const std::vector<std::pair<std::string, std::size_t>>& headers() const { return headers_; }

    std::optional<std::size_t> find(std::string_view name) const
    {
        for (const auto& [header, index] : headers_)
            if (lower(header) == name)
                return index;
        return std::nullopt;
    }

    // The column of `base` in the language kept: the one without a language, else the
    // settings' default_language, else English, else the first.
    std::optional<std::size_t> in_language(std::string_view base) const
    {
        std::optional<std::size_t> english, first, preferred;
        for (const auto& [header, index] : headers_) {
            auto language = language_of(header, base);
            if (!language)
                continue;
            if (language->empty())
                return index;
            const std::string name = lower(*language);
            if (!default_language_.empty() && name.find(default_language_) != std::string::npos && !preferred)
                preferred = index;
            if ((name.find("english") != std::string::npos || name.find("(en)") != std::string::npos) && !english)
                english = index;
            if (!first)
                first = index;
        }
        return preferred ? preferred : english ? english : first;
    }

    // "label::English (en)" -> "English (en)"; "label" -> ""; nothing for other columns.
    static std::optional<std::string> language_of(std::string_view header, std::string_view base)
    {
        const std::string name = lower(header);
        if (name == base)
            return std::string();
        if (name.compare(0, base.size(), base) != 0 || name.size() <= base.size() || name[base.size()] != ':')
            return std::nullopt;
        std::string_view rest = header.substr(base.size());
        while (!rest.empty() && rest.front() == ':')
            rest.remove_prefix(1);
        return std::string(trim(rest));
    }

private:
    std::string default_language_;
    int header_row_ = 0;
    std::vector<std::pair<std::string, std::size_t>> headers_;
};

std::string cell(const XlsxRow& row, std::optional<std::size_t> column)
{
    if (!column || *column >= row.cells.size())
        return {};
    return std::string(trim(row.cells[*column]));
}

struct ChoiceList {
    std::vector<Option> options;
    std::map<std::string, std::string, std::less<>> codes; // XLSForm name -> option code
};

// Wraps a condition that has "or" at its top so that it can be joined with "and".
std::string joined_conditions(const std::vector<std::string>& conditions)
{
    std::vector<std::string> parts;
    for (const auto& condition : conditions)
        if (!condition.empty())
            parts.push_back(condition);
    if (parts.size() == 1)
        return parts.front();
    for (auto& part : parts)
        if (part.find(" or ") != std::string::npos)
            part = "(" + part + ")";
    return join(parts, " and ");
}

class XlsformImporter {
public:
    XlsformImporter(const std::filesystem::path& file, const std::vector<XlsxSheet>& sheets)
        : file_(file), sheets_(sheets), builder_(file.string()) {}

    ImportedDefinition run()
    {
        const XlsxSheet* survey = sheet("survey");
        if (survey == nullptr)
            throw DefinitionError({{builder_.source(), "", "has no survey sheet, so it is not an XLSForm (sheets: "
                                                               + sheet_names() + ")"}});
        Instrument header = read_settings();
        read_choices();
        read_survey(*survey);
        return builder_.finish(std::move(header));
    }

private:
    const XlsxSheet* sheet(std::string_view name) const
    {
        for (const auto& candidate : sheets_)
            if (lower(trim(candidate.name)) == name)
                return &candidate;
        return nullptr;
    }

    std::string sheet_names() const
    {
        std::vector<std::string> names;
        for (const auto& candidate : sheets_)
            names.push_back(in_quotes(candidate.name));
        return names.empty() ? "none" : join(names, ", ");
    }

    static std::string at_row(std::string_view sheet, int row)
    {
        return std::string(sheet) + " row " + std::to_string(row);
    }

    enum class Unread { cell_by_cell, once };

    // Warns once for each column in a language that is not kept, and for each column that
    // nothing reads: once, or (on the survey sheet, where each row is a question) for each
    // value in it, through warn_unread_cells.
    void warn_unread_columns(std::string_view sheet_name, const SheetColumns& columns, Unread unread,
                             std::initializer_list<std::string_view> read, std::initializer_list<std::string_view> translated)
    {
        for (const auto& [header, index] : columns.headers()) {
            const std::string name = lower(header);
            bool is_read = std::find(read.begin(), read.end(), name) != read.end();
            for (auto base : translated) {
                if (!SheetColumns::language_of(header, base))
                    continue;
                is_read = true;
                if (columns.in_language(base) != index)
                    builder_.warn(at_row(sheet_name, columns.header_row()),
                                  "column " + in_quotes(header) + " not kept: Chorus keeps one language");
            }
            if (is_read)
                continue;
            if (unread == Unread::once)
                builder_.warn(at_row(sheet_name, columns.header_row()), "column " + in_quotes(header) + " not kept");
            else
                unread_columns_[std::string(sheet_name)].emplace_back(header, index);
        }
    }

    void warn_unread_cells(std::string_view sheet_name, const XlsxRow& row)
    {
        for (const auto& [header, index] : unread_columns_[std::string(sheet_name)]) {
            const std::string value = cell(row, index);
            if (!value.empty())
                builder_.warn(at_row(sheet_name, row.number),
                              "column " + in_quotes(header) + " (" + in_quotes(value) + ") not kept");
        }
    }

    Instrument read_settings()
    {
        Instrument header;
        header.id = instrument_id_from(file_.stem().string());
        header.title = file_.stem().string();
        const XlsxSheet* settings = sheet("settings");
        if (settings == nullptr || settings->rows.size() < 2)
            return header;
        SheetColumns columns(*settings, "");
        const XlsxRow& values = settings->rows[1];
        const std::string location = at_row("settings", values.number);
        default_language_ = cell(values, columns.find("default_language"));
        if (auto form_id = cell(values, columns.find("form_id")); !form_id.empty()) {
            header.id = instrument_id_from(form_id);
            if (header.id != form_id)
                builder_.warn(location, "form_id " + in_quotes(form_id) + " is imported as the id "
                                            + in_quotes(header.id));
        }
        if (auto title = cell(values, columns.find("form_title")); !title.empty())
            header.title = title;
        if (auto version = cell(values, columns.find("version")); !version.empty()) {
            long long number = 0;
            auto [end, error] = std::from_chars(version.data(), version.data() + version.size(), number);
            if (error == std::errc{} && end == version.data() + version.size() && number >= 1 && number <= INT_MAX)
                header.version = static_cast<int>(number);
            else
                builder_.warn(location, "version " + in_quotes(version)
                                            + " is not a whole number from 1; imported as version 1");
        }
        warn_unread_columns("settings", columns, Unread::once, {"form_id", "form_title", "version", "default_language"}, {});
        return header;
    }

    void read_choices()
    {
        const XlsxSheet* choices = sheet("choices");
        if (choices == nullptr)
            return;
        SheetColumns columns(*choices, default_language_);
        auto list_column = columns.find("list name");
        if (!list_column)
            list_column = columns.find("list_name");
        const auto name_column = columns.find("name");
        const auto label_column = columns.in_language("label");
        warn_unread_columns("choices", columns, Unread::once, {"list name", "list_name", "name"}, {"label"});
        for (std::size_t i = 1; i < choices->rows.size(); ++i) {
            const XlsxRow& row = choices->rows[i];
            const std::string list = cell(row, list_column);
            const std::string name = cell(row, name_column);
            const std::string location = at_row("choices", row.number);
            if (list.empty() || name.empty()) {
                builder_.warn(location, "choice skipped: it needs a list name and a name");
                continue;
            }
            std::string code = code_from_value(name);
            if (code.empty())
                code = "option_" + std::to_string(choice_lists_[list].options.size() + 1);
            if (code != name)
                builder_.warn(location, "choice " + in_quotes(name) + " is imported as the code " + in_quotes(code));
            std::string label = cell(row, label_column);
            choice_lists_[list].options.push_back({code, label.empty() ? name : label});
            choice_lists_[list].codes[name] = code;
        }
    }

    struct Group {
        std::string name;
        std::string condition; // in Chorus's language, with the enclosing groups'
        bool repeat = false;
    };

    std::string group_condition() const { return groups_.empty() ? std::string() : groups_.back().condition; }
    bool in_repeat() const
    {
        return std::any_of(groups_.begin(), groups_.end(), [](const Group& group) { return group.repeat; });
    }

    void read_survey(const XlsxSheet& survey)
    {
        SheetColumns columns(survey, default_language_);
        columns_ = {columns.find("type"),        columns.find("name"),     columns.in_language("label"),
                    columns.in_language("hint"), columns.find("required"), columns.find("relevant"),
                    columns.find("constraint"),  columns.find("appearance")};
        if (!columns_.type)
            throw DefinitionError({{builder_.source(), at_row("survey", columns.header_row()),
                                    "the survey sheet has no type column"}});
        warn_unread_columns("survey", columns, Unread::cell_by_cell, {"type", "name", "required", "relevant", "constraint", "appearance"},
                            {"label", "hint"});
        for (std::size_t i = 1; i < survey.rows.size(); ++i)
            read_row(survey.rows[i]);
        if (!groups_.empty())
            builder_.warn("survey", "group " + in_quotes(groups_.back().name) + " has no end group");
    }

    void read_row(const XlsxRow& row)
    {
        const std::string type = lower(normalised_words(cell(row, columns_.type)));
        const std::string name = cell(row, columns_.name);
        const std::string location = at_row("survey", row.number);
        if (type.empty()) {
            if (!name.empty() || !cell(row, columns_.label).empty())
                builder_.warn(location, in_quotes(name) + " skipped: the row has no type");
            return;
        }
        if (type == "end group" || type == "end_group" || type == "end repeat" || type == "end_repeat") {
            if (groups_.empty())
                builder_.warn(location, type + " without a begin");
            else
                groups_.pop_back();
            return;
        }
        if (in_repeat()) {
            builder_.warn(location, in_quotes(name) + " (" + type + ") skipped: it is inside a repeat");
            if (type == "begin group" || type == "begin_group" || type == "begin repeat" || type == "begin_repeat")
                groups_.push_back({name, group_condition(), true});
            return;
        }
        if (type == "begin repeat" || type == "begin_repeat") {
            builder_.warn(location, "repeat " + in_quotes(name)
                                        + " skipped with the questions in it: Chorus has no repeated groups");
            groups_.push_back({name, group_condition(), true});
            return;
        }
        if (type == "begin group" || type == "begin_group") {
            begin_group(row, name, location);
            return;
        }
        read_question(row, type, name, location);
        warn_unread_cells("survey", row);
    }

    // A group's label becomes a note before its questions (Chorus has no groups), and its
    // condition applies to every question in it.
    void begin_group(const XlsxRow& row, const std::string& name, const std::string& location)
    {
        const std::string label = cell(row, columns_.label);
        std::string key = label.empty() ? std::string() : builder_.key_for(name, location);
        std::string own = builder_.translate(cell(row, columns_.relevant), ConditionDialect::xlsform, location,
                                             key.empty() ? name : key);
        groups_.push_back({name, joined_conditions({group_condition(), own}), false});
        if (label.empty())
            return;
        Question note;
        note.key = key;
        note.type = QuestionType::note;
        note.label = label;
        note.help = cell(row, columns_.hint);
        note.relevant = groups_.back().condition;
        builder_.add(std::move(note), location, "");
        warn_unread_cells("survey", row);
    }

    struct SelectType {
        QuestionType type;
        std::string list;
        bool or_other = false;
    };

    // "select_one LIST", "select_multiple LIST or_other", the older "select one from LIST"
    // and "select all that apply from LIST".
    static std::optional<SelectType> select_type(const std::string& type)
    {
        for (auto [prefix, chorus_type] : {std::pair{"select_one ", QuestionType::single_choice},
                                           std::pair{"select one ", QuestionType::single_choice},
                                           std::pair{"select_multiple ", QuestionType::multiple_choice},
                                           std::pair{"select all that apply ", QuestionType::multiple_choice}}) {
            const std::string_view start = prefix;
            if (type.compare(0, start.size(), start) != 0)
                continue;
            std::string rest = type.substr(start.size());
            if (rest.compare(0, 5, "from ") == 0)
                rest.erase(0, 5);
            SelectType select{chorus_type, rest};
            const std::string or_other = " or_other";
            if (rest.size() > or_other.size() && rest.compare(rest.size() - or_other.size(), or_other.size(), or_other) == 0) {
                select.list = rest.substr(0, rest.size() - or_other.size());
                select.or_other = true;
            }
            return select;
        }
        return std::nullopt;
    }

    void read_question(const XlsxRow& row, const std::string& type, const std::string& name,
                       const std::string& location)
    {
        Question question;
        const auto select = select_type(type);
        std::map<std::string, std::string, std::less<>> codes;
        if (select) {
            auto list = choice_lists_.find(select->list);
            if (list == choice_lists_.end()) {
                builder_.warn(location, in_quotes(name) + " skipped: its choice list " + in_quotes(select->list)
                                            + " is not on the choices sheet");
                return;
            }
            question.type = select->type;
            question.options = list->second.options;
            codes = list->second.codes;
        } else if (type == "text") {
            question.type = lower(cell(row, columns_.appearance)).find("multiline") != std::string::npos
                                ? QuestionType::long_text
                                : QuestionType::short_text;
        } else if (type == "integer" || type == "int") {
            question.type = QuestionType::integer;
        } else if (type == "decimal") {
            question.type = QuestionType::decimal;
        } else if (type == "date") {
            question.type = QuestionType::date;
        } else if (type == "note") {
            question.type = QuestionType::note;
        } else {
            builder_.warn(location, "type " + in_quotes(type) + " is not supported; question " + in_quotes(name)
                                        + " skipped");
            return;
        }
        question.key = builder_.key_for(name, location);
        question.label = cell(row, columns_.label);
        if (question.label.empty()) {
            question.label = name;
            builder_.warn(location, in_quotes(name) + " has no label; its name is shown instead");
        }
        question.help = cell(row, columns_.hint);
        read_required(row, question, location);
        read_constraint(row, question, location);
        question.relevant = joined_conditions(
            {group_condition(),
             builder_.translate(cell(row, columns_.relevant), ConditionDialect::xlsform, location, question.key)});
        const bool or_other = select && select->or_other;
        if (or_other && !question.find_option("other"))
            question.options.push_back({"other", "Other"});
        const std::string key = question.key;
        builder_.add(std::move(question), location, name, std::move(codes));
        if (or_other)
            add_other_follow_up(name, key, location);
    }

    // XLSForm's or_other asks for the other answer in a text box; Chorus asks it as the
    // next question, shown when "other" is chosen.
    void add_other_follow_up(const std::string& name, const std::string& key, const std::string& location)
    {
        Question other;
        other.key = builder_.key_for(key + "_other", location);
        other.type = QuestionType::short_text;
        other.label = "Specify other.";
        other.relevant = joined_conditions({group_condition(), "selected(" + key + ", 'other')"});
        builder_.add(std::move(other), location, name + "_other");
    }

    void read_required(const XlsxRow& row, Question& question, const std::string& location)
    {
        const std::string required = lower(cell(row, columns_.required));
        if (required == "yes" || required == "true" || required == "true()")
            question.required = question.type != QuestionType::note;
        else if (!required.empty() && required != "no" && required != "false" && required != "false()")
            builder_.warn(location, "required " + in_quotes(cell(row, columns_.required)) + " of "
                                        + in_quotes(question.key) + " not kept: only yes or no is understood");
    }

    void read_constraint(const XlsxRow& row, Question& question, const std::string& location)
    {
        const std::string constraint = cell(row, columns_.constraint);
        if (constraint.empty())
            return;
        const bool numeric = question.type == QuestionType::integer || question.type == QuestionType::decimal;
        auto range = numeric ? translate_number_constraint(constraint, question.type == QuestionType::integer)
                             : std::nullopt;
        if (!range) {
            builder_.warn(location, "constraint " + in_quotes(constraint) + " of " + in_quotes(question.key)
                                        + " not kept: Chorus keeps only a number's minimum and maximum");
            return;
        }
        question.min = range->min;
        question.max = range->max;
    }

    struct SurveyColumns {
        std::optional<std::size_t> type, name, label, hint, required, relevant, constraint, appearance;
    };

    std::filesystem::path file_;
    const std::vector<XlsxSheet>& sheets_;
    ImportBuilder builder_;
    std::string default_language_;
    std::map<std::string, ChoiceList, std::less<>> choice_lists_;
    std::map<std::string, std::vector<std::pair<std::string, std::size_t>>> unread_columns_;
    SurveyColumns columns_;
    std::vector<Group> groups_;
};

} // namespace

ImportedDefinition import_xlsform(const std::filesystem::path& file)
{
    std::vector<XlsxSheet> sheets;
    try {
        sheets = read_xlsx_sheets(file);
    } catch (const Error& error) {
        throw unreadable_definition(file, error);
    }
    return XlsformImporter(file, sheets).run();
}

} // namespace chorus
