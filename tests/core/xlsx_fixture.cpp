#include "xlsx_fixture.hpp"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace chorus::test {

namespace {

std::string escaped(const std::string& text)
{
    std::string result;
    for (char c : text) {
        if (c == '&') result += "&amp;";
        else if (c == '<') result += "&lt;";
        else if (c == '>') result += "&gt;";
        else if (c == '"') result += "&quot;";
        else result += c;
    }
    return result;
}

bool looks_numeric(const std::string& text)
{
    if (text.empty())
        return false;
    for (char c : text)
        if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.')
            return false;
    return true;
}

std::string column_letters(std::size_t index)
{
    std::string name;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26)
        name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    return name;
}

void add_part(zip_t* archive, const std::string& name, const std::string& text)
{
    // libzip reads the bytes only at zip_close, so it gets its own copy to free.
    void* copy = std::malloc(text.size() + 1);
    if (copy == nullptr)
        throw std::runtime_error("out of memory writing " + name);
    std::memcpy(copy, text.data(), text.size());
    zip_source_t* source = zip_source_buffer(archive, copy, text.size(), 1);
    if (source == nullptr) {
        std::free(copy);
        throw std::runtime_error("cannot add " + name + " to the fixture workbook");
    }
    if (zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE) < 0) {
        zip_source_free(source);
        throw std::runtime_error("cannot add " + name + " to the fixture workbook");
    }
}

} // namespace

void write_xlsx(const std::filesystem::path& file, const std::vector<FixtureSheet>& sheets)
{
    int error = 0;
    zip_t* archive = zip_open(file.string().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (archive == nullptr)
        throw std::runtime_error("cannot create " + file.string());
    std::string workbook = R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)";
    std::string relationships = R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
    std::vector<std::string> shared;
    for (std::size_t s = 0; s < sheets.size(); ++s) {
        const std::string id = "rId" + std::to_string(s + 1);
        workbook += "<sheet name=\"" + escaped(sheets[s].name) + "\" sheetId=\"" + std::to_string(s + 1)
                  + "\" r:id=\"" + id + "\"/>";
        relationships += "<Relationship Id=\"" + id + "\" Type=\"worksheet\" Target=\"worksheets/sheet"
                       + std::to_string(s + 1) + ".xml\"/>";
        std::string sheet = R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
        for (std::size_t r = 0; r < sheets[s].rows.size(); ++r) {
            sheet += "<row r=\"" + std::to_string(r + 1) + "\">";
            const auto& cells = sheets[s].rows[r];
            for (std::size_t c = 0; c < cells.size(); ++c) {
                if (cells[c].empty())
                    continue;
                const std::string reference = column_letters(c) + std::to_string(r + 1);
                auto in = [&](const std::vector<std::size_t>& columns) {
                    return std::find(columns.begin(), columns.end(), c) != columns.end();
                };
                if (in(sheets[s].kinds.boolean_columns) && (cells[c] == "TRUE" || cells[c] == "FALSE")) {
                    sheet += "<c r=\"" + reference + "\" t=\"b\"><v>" + (cells[c] == "TRUE" ? "1" : "0") + "</v></c>";
                } else if (looks_numeric(cells[c])) {
                    const char* style = in(sheets[s].kinds.date_time_columns) ? " s=\"1\"" : in(sheets[s].kinds.date_columns) ? " s=\"2\"" : "";
                    sheet += "<c r=\"" + reference + "\"" + style + "><v>" + cells[c] + "</v></c>";
                } else if (c % 2 == 1) { // every other column inline, to read both kinds
                    sheet += "<c r=\"" + reference + "\" t=\"inlineStr\"><is><t>" + escaped(cells[c]) + "</t></is></c>";
                } else {
                    sheet += "<c r=\"" + reference + "\" t=\"s\"><v>" + std::to_string(shared.size()) + "</v></c>";
                    shared.push_back(cells[c]);
                }
            }
            sheet += "</row>";
        }
        add_part(archive, "xl/worksheets/sheet" + std::to_string(s + 1) + ".xml", sheet + "</sheetData></worksheet>");
    }
    std::string strings = R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
    for (const auto& text : shared)
        strings += "<si><t>" + escaped(text) + "</t></si>";
    relationships += "<Relationship Id=\"rIdStrings\" Type=\"sharedStrings\" Target=\"sharedStrings.xml\"/>";
    relationships += "<Relationship Id=\"rIdStyles\" Type=\"styles\" Target=\"styles.xml\"/>";
    add_part(archive, "xl/workbook.xml", workbook + "</sheets></workbook>");
    add_part(archive, "xl/_rels/workbook.xml.rels", relationships + "</Relationships>");
    add_part(archive, "xl/sharedStrings.xml", strings + "</sst>");
    add_part(archive, "xl/styles.xml",
             R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
             R"(<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>)"
             R"(<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="22" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>)");
    if (zip_close(archive) != 0) {
        zip_discard(archive);
        throw std::runtime_error("cannot write " + file.string());
    }
}

} // namespace chorus::test
