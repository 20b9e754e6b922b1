#include "xlsx_reader.hpp"

#include "chorus/dates.hpp"
#include "chorus/error.hpp"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <exception>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string_view>

namespace chorus {

namespace {

// A spreadsheet part is rarely more than a few MB; refusing larger ones keeps a
// malicious archive (a "zip bomb") from exhausting memory.
constexpr zip_uint64_t max_part_size = 64u * 1024u * 1024u;
// SpreadsheetML's own limits: columns A..XFD, rows 1..1048576.
constexpr std::size_t max_columns = 16384;
constexpr int max_rows = 1048576;

// "x:sheet" -> "sheet": some writers prefix every element with a namespace.
std::string_view local_name(std::string_view name)
{
    auto colon = name.rfind(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

using Attributes = std::map<std::string, std::string, std::less<>>;

// SAX callbacks over one XML part, with element names and attribute names as local names.
struct XmlHandler {
    std::function<void(std::string_view element, const Attributes& attributes)> start;
    std::function<void(std::string_view element)> end;
    std::function<void(std::string_view text)> text;
};

// A C++ exception must not unwind through expat's C frames: a handler's exception is kept
// here, the parser stopped, and the exception rethrown once XML_Parse has returned.
struct XmlParseContext {
    const XmlHandler& handler;
    XML_Parser parser;
    std::exception_ptr failure;

    template <class Callback> void call(const Callback& callback)
    {
        if (failure)
            return;
        try {
            callback();
        } catch (...) {
            failure = std::current_exception();
            XML_StopParser(parser, XML_FALSE);
        }
    }
};

class ZipArchive {
public:
    explicit ZipArchive(const std::filesystem::path& file) : name_(file.string())
    {
        int error_code = 0;
        archive_ = zip_open(name_.c_str(), ZIP_RDONLY, &error_code);
        if (archive_ == nullptr) {
            if (error_code == ZIP_ER_NOZIP || error_code == ZIP_ER_INCONS)
                throw Error(name_ + ": is not an .xlsx file (not a zip archive)");
            zip_error_t error;
            zip_error_init_with_code(&error, error_code);
            std::string message = zip_error_strerror(&error);
            zip_error_fini(&error);
            throw Error(name_ + ": cannot be read: " + message);
        }
    }
    ~ZipArchive() { zip_discard(archive_); }
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    const std::string& name() const { return name_; }

    // The part's bytes, or nothing when the archive has no such part.
    std::optional<std::string> read(const std::string& part) const
    {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat(archive_, part.c_str(), 0, &stat) != 0)
            return std::nullopt;
        if ((stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > max_part_size)
            throw Error(name_ + ": " + part + " is too large to be a spreadsheet part");
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> entry(zip_fopen(archive_, part.c_str(), 0),
                                                                zip_fclose);
        if (!entry)
            throw Error(name_ + ": " + part + " cannot be read: " + zip_strerror(archive_));
        std::string bytes(static_cast<std::size_t>(stat.size), '\0');
        zip_uint64_t done = 0;
        while (done < stat.size) {
            zip_int64_t got = zip_fread(entry.get(), bytes.data() + done, stat.size - done);
            if (got <= 0)
                throw Error(name_ + ": " + part + " cannot be read: " + zip_file_strerror(entry.get()));
            done += static_cast<zip_uint64_t>(got);
        }
        return bytes;
    }

    std::string read_required(const std::string& part) const
    {
        auto bytes = read(part);
        if (!bytes)
            throw Error(name_ + ": is not an .xlsx workbook (it has no " + part + ")");
        return *bytes;
    }

    void parse(const std::string& part, const std::string& xml, const XmlHandler& handler) const
    {
        std::unique_ptr<std::remove_pointer_t<XML_Parser>, void (*)(XML_Parser)> parser(
            XML_ParserCreate("UTF-8"), XML_ParserFree);
        if (!parser)
            throw Error(name_ + ": out of memory reading " + part);
        XmlParseContext context{handler, parser.get(), nullptr};
        XML_SetUserData(parser.get(), &context);
        XML_SetElementHandler(
            parser.get(),
            [](void* data, const XML_Char* element, const XML_Char** attributes) {
                auto& state = *static_cast<XmlParseContext*>(data);
                if (!state.handler.start)
                    return;
                state.call([&] {
                    Attributes named;
                    for (std::size_t i = 0; attributes[i] != nullptr && attributes[i + 1] != nullptr; i += 2)
                        named[std::string(local_name(attributes[i]))] = attributes[i + 1];
                    state.handler.start(local_name(element), named);
                });
            },
            [](void* data, const XML_Char* element) {
                auto& state = *static_cast<XmlParseContext*>(data);
                if (state.handler.end)
                    state.call([&] { state.handler.end(local_name(element)); });
            });
        XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* text, int length) {
            auto& state = *static_cast<XmlParseContext*>(data);
            if (state.handler.text && length > 0)
                state.call([&] { state.handler.text(std::string_view(text, static_cast<std::size_t>(length))); });
        });
        bool too_large = xml.size() > static_cast<std::size_t>(std::numeric_limits<int>::max());
        bool parsed = !too_large
                      && XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), 1) != XML_STATUS_ERROR;
        if (context.failure)
            std::rethrow_exception(context.failure);
        if (!parsed)
            throw Error(name_ + ": " + part + ": malformed XML at line "
                        + std::to_string(XML_GetCurrentLineNumber(parser.get())) + ": "
                        + XML_ErrorString(XML_GetErrorCode(parser.get())));
    }

private:
    std::string name_;
    zip_t* archive_ = nullptr;
};

std::string attribute(const Attributes& attributes, std::string_view name)
{
    auto it = attributes.find(name);
    return it == attributes.end() ? std::string() : it->second;
}

std::optional<long long> whole_number(std::string_view text)
{
    long long value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// The text of each <si>: plain (<t>) or rich text (runs of <r><t>), without the
// phonetic guides (<rPh>) some East Asian editions add.
std::vector<std::string> read_shared_strings(const ZipArchive& archive)
{
    const std::string part = "xl/sharedStrings.xml";
    auto xml = archive.read(part);
    std::vector<std::string> strings;
    if (!xml)
        return strings;
    bool in_text = false;
    int phonetic_depth = 0;
    XmlHandler handler;
    handler.start = [&](std::string_view element, const Attributes&) {
        if (element == "si")
            strings.emplace_back();
        else if (element == "rPh")
            ++phonetic_depth;
        else if (element == "t")
            in_text = phonetic_depth == 0 && !strings.empty();
    };
    handler.end = [&](std::string_view element) {
        if (element == "rPh")
            --phonetic_depth;
        else if (element == "t")
            in_text = false;
    };
    handler.text = [&](std::string_view text) {
        if (in_text)
            strings.back() += text;
    };
    archive.parse(part, *xml, handler);
    return strings;
}

// Relationship id -> part name inside the archive, for the workbook's relationships.
std::map<std::string, std::string, std::less<>> read_workbook_targets(const ZipArchive& archive)
{
    const std::string part = "xl/_rels/workbook.xml.rels";
    std::map<std::string, std::string, std::less<>> targets;
    XmlHandler handler;
    handler.start = [&](std::string_view element, const Attributes& attributes) {
        if (element != "Relationship")
            return;
        std::string target = attribute(attributes, "Target");
        // Targets are relative to xl/, or absolute within the package ("/xl/worksheets/...").
        if (!target.empty() && target.front() == '/')
            target.erase(0, 1);
        else
            target = "xl/" + target;
        targets[attribute(attributes, "Id")] = target;
    };
    archive.parse(part, archive.read_required(part), handler);
    return targets;
}

// "B12" -> column 1; nothing when the reference has no letters or too many.
std::optional<std::size_t> column_of(std::string_view reference)
{
    std::size_t column = 0, letters = 0;
    for (char c : reference) {
        if (c < 'A' || c > 'Z')
            break;
        column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
        if (++letters > 3)
            return std::nullopt;
    }
    if (letters == 0 || column > max_columns)
        return std::nullopt;
    return column - 1;
}

// What a number format shows: a plain number, a date, or a date or time with a time of day.
enum class NumberShape : char { number, date, date_time };

// A custom format code shows a date when it has day, month or year fields, and a time when it
// has hours or seconds; quoted text, escaped characters and [colour] sections do not count.
NumberShape shape_of_format(std::string_view code)
{
    bool date = false, time = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = static_cast<char>(code[i] | 0x20); // ASCII lower case
        if (code[i] == '"') {
            i = code.find('"', i + 1);
            if (i == std::string_view::npos)
                break;
        } else if (code[i] == '\\' || code[i] == '_' || code[i] == '*') {
            ++i;
        } else if (code[i] == '[') {
            const auto close = code.find(']', i);
            const auto inside = code.substr(i + 1, close == std::string_view::npos ? 0 : close - i - 1);
            time = time || inside == "h" || inside == "hh" || inside == "mm" || inside == "ss"; // elapsed time
            if (close == std::string_view::npos)
                break;
            i = close;
        } else if (c == 'd' || c == 'y' || c == 'm') {
            date = true;
        } else if (c == 'h' || c == 's') {
            time = true;
        }
    }
    if (time)
        return NumberShape::date_time;
    return date ? NumberShape::date : NumberShape::number;
}

// The built-in number formats (ECMA-376 18.8.30) that show dates and times.
NumberShape shape_of_builtin_format(long long id)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
        return NumberShape::date;
    if ((id >= 18 && id <= 22) || (id >= 32 && id <= 33) || (id >= 45 && id <= 47))
        return NumberShape::date_time;
    return NumberShape::number;
}

// The shape of each cell style (<c s="N">), from xl/styles.xml; none when the workbook has no styles.
std::vector<NumberShape> read_cell_shapes(const ZipArchive& archive)
{
    const std::string part = "xl/styles.xml";
    auto xml = archive.read(part);
    std::vector<NumberShape> shapes;
    if (!xml)
        return shapes;
    std::map<long long, NumberShape> custom;
    std::vector<long long> format_ids;
    bool in_cell_formats = false;
    XmlHandler handler;
    handler.start = [&](std::string_view element, const Attributes& attributes) {
        if (element == "numFmt") {
            if (auto id = whole_number(attribute(attributes, "numFmtId")))
                custom[*id] = shape_of_format(attribute(attributes, "formatCode"));
        } else if (element == "cellXfs") {
            in_cell_formats = true;
        } else if (element == "xf" && in_cell_formats) {
            format_ids.push_back(whole_number(attribute(attributes, "numFmtId")).value_or(0));
        }
    };
    handler.end = [&](std::string_view element) {
        if (element == "cellXfs")
            in_cell_formats = false;
    };
    archive.parse(part, *xml, handler);
    for (const long long id : format_ids) {
        auto it = custom.find(id);
        shapes.push_back(it != custom.end() ? it->second : shape_of_builtin_format(id));
    }
    return shapes;
}

// A serial day number as a date or date and time; nothing outside years 1900..9999.
// In the 1900 system serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that never
// was, so serials from 61 on are one day ahead of the calendar.
std::optional<std::string> serial_to_text(double serial, bool date1904, NumberShape shape)
{
    if (!std::isfinite(serial) || serial < 0 || serial > 2958465.0)
        return std::nullopt;
    auto seconds = static_cast<long long>(std::llround(serial * 86400.0));
    long long days = seconds / 86400;
    seconds %= 86400;
    std::int64_t day = 0;
    if (date1904)
        day = *day_number("1904-01-01") + days;
    else
        day = *day_number("1899-12-31") + days - (days >= 61 ? 1 : 0);
    std::string text = date_of_day_number(day);
    if (shape == NumberShape::date && seconds == 0)
        return text;
    char time[16];
    std::snprintf(time, sizeof time, "T%02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60, seconds % 60);
    return text + time;
}

class SheetReader {
public:
    SheetReader(const ZipArchive& archive, const std::vector<std::string>& shared_strings,
                const std::vector<NumberShape>& shapes, bool date1904)
        : archive_(archive), shared_strings_(shared_strings), shapes_(shapes), date1904_(date1904) {}

    std::vector<XlsxRow> read(const std::string& part)
    {
        part_ = part;
        XmlHandler handler;
        handler.start = [this](std::string_view element, const Attributes& attributes) {
            start(element, attributes);
        };
        handler.end = [this](std::string_view element) { end(element); };
        handler.text = [this](std::string_view text) {
            if (in_value_)
                value_ += text;
        };
        archive_.parse(part, archive_.read_required(part), handler);
        return std::move(rows_);
    }

private:
    void start(std::string_view element, const Attributes& attributes)
    {
        if (element == "row") {
            auto number = whole_number(attribute(attributes, "r"));
            row_ = {number && *number > 0 && *number <= max_rows ? static_cast<int>(*number) : last_row_ + 1, {}};
            last_row_ = row_.number;
            next_column_ = 0;
        } else if (element == "c") {
            auto column = column_of(attribute(attributes, "r"));
            column_ = column ? *column : next_column_;
            next_column_ = column_ + 1;
            cell_type_ = attribute(attributes, "t");
            auto style = whole_number(attribute(attributes, "s"));
            shape_ = style && *style >= 0 && static_cast<std::size_t>(*style) < shapes_.size()
                         ? shapes_[static_cast<std::size_t>(*style)]
                         : NumberShape::number;
            value_.clear();
        } else if (element == "v" || (element == "t" && cell_type_ == "inlineStr")) {
            in_value_ = true;
        }
    }

    void end(std::string_view element)
    {
        if (element == "v" || element == "t") {
            in_value_ = false;
        } else if (element == "c") {
            store_cell();
        } else if (element == "row") {
            bool any = std::any_of(row_.cells.begin(), row_.cells.end(),
                                   [](const std::string& cell) { return !cell.empty(); });
            if (any)
                rows_.push_back(std::move(row_));
        }
    }

    void store_cell()
    {
        std::string text = std::move(value_);
        value_.clear();
        if (cell_type_ == "s") {
            auto index = whole_number(text);
            if (!index || *index < 0 || static_cast<std::size_t>(*index) >= shared_strings_.size())
                throw Error(archive_.name() + ": " + part_ + ": row " + std::to_string(row_.number)
                            + ", column " + xlsx_column_name(column_) + ": refers to shared string "
                            + text + ", which the workbook does not have");
            text = shared_strings_[static_cast<std::size_t>(*index)];
        } else if (cell_type_ == "b") {
            text = text == "1" ? "TRUE" : "FALSE";
        } else if ((cell_type_.empty() || cell_type_ == "n") && shape_ != NumberShape::number && !text.empty()) {
            double serial = 0;
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), serial);
            if (error == std::errc{} && end == text.data() + text.size())
                if (auto converted = serial_to_text(serial, date1904_, shape_))
                    text = std::move(*converted);
        }
        if (text.empty() || column_ >= max_columns)
            return;
        if (row_.cells.size() <= column_)
            row_.cells.resize(column_ + 1);
        row_.cells[column_] = std::move(text);
    }

    const ZipArchive& archive_;
    const std::vector<std::string>& shared_strings_;
    const std::vector<NumberShape>& shapes_;
    const bool date1904_;
    NumberShape shape_ = NumberShape::number;
    std::string part_;
    std::vector<XlsxRow> rows_;
    XlsxRow row_;
    int last_row_ = 0;
    std::size_t column_ = 0, next_column_ = 0;
    std::string cell_type_, value_;
    bool in_value_ = false;
};

} // namespace

std::string xlsx_column_name(std::size_t index)
{
    std::string name;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26)
        name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    return name;
}

namespace {

// Reads the worksheets `wanted` accepts (by name), in the workbook's order.
template <typename Wanted>
std::vector<XlsxSheet> read_sheets(const std::filesystem::path& file, Wanted wanted,
                                   std::vector<std::string>* all_names = nullptr)
{
    ZipArchive archive(file);
    const std::string workbook_part = "xl/workbook.xml";
    std::vector<std::pair<std::string, std::string>> sheet_ids; // name, relationship id
    bool date1904 = false;
    XmlHandler handler;
    handler.start = [&](std::string_view element, const Attributes& attributes) {
        if (element == "sheet")
            sheet_ids.emplace_back(attribute(attributes, "name"), attribute(attributes, "id"));
        else if (element == "workbookPr") {
            const std::string value = attribute(attributes, "date1904");
            date1904 = value == "1" || value == "true";
        }
    };
    archive.parse(workbook_part, archive.read_required(workbook_part), handler);

    const auto targets = read_workbook_targets(archive);
    const auto shared_strings = read_shared_strings(archive);
    const auto shapes = read_cell_shapes(archive);
    std::vector<XlsxSheet> sheets;
    for (std::size_t i = 0; i < sheet_ids.size(); ++i) {
        const auto& [name, id] = sheet_ids[i];
        if (all_names)
            all_names->push_back(name);
        if (!wanted(name, i))
            continue;
        auto target = targets.find(id);
        if (target == targets.end())
            throw Error(archive.name() + ": sheet " + name + " has no part in the workbook");
        sheets.push_back({name, SheetReader(archive, shared_strings, shapes, date1904).read(target->second)});
    }
    return sheets;
}

} // namespace

std::vector<XlsxSheet> read_xlsx_sheets(const std::filesystem::path& file)
{
    return read_sheets(file, [](const std::string&, std::size_t) { return true; });
}

XlsxSheet read_xlsx_sheet(const std::filesystem::path& file, const std::string& name,
                          std::vector<std::string>* sheet_names)
{
    std::vector<std::string> names;
    auto sheets = read_sheets(
        file, [&](const std::string& sheet, std::size_t index) { return name.empty() ? index == 0 : sheet == name; },
        &names);
    if (sheets.empty()) {
        std::string list;
        for (const auto& sheet : names)
            list += (list.empty() ? "" : ", ") + sheet;
        throw Error(file.string() + ": " +
                    (name.empty() ? std::string("has no worksheet")
                                  : "has no sheet \"" + name + "\" (its sheets: " + (list.empty() ? "none" : list) + ")"));
    }
    if (sheet_names)
        *sheet_names = std::move(names);
    return std::move(sheets.front());
}

} // namespace chorus
