#pragma once
// The rows of a response file, one at a time (internal to response import): a CSV file
// streamed, or one sheet of an XLSX workbook.
#include "chorus/response_import.hpp"
#include "xlsx_reader.hpp"

#include "chorus/csv.hpp"

#include "text_util.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

namespace chorus::rows {

namespace fs = std::filesystem;

// u8string so a non-ASCII path never throws on Windows.
inline std::string display(const fs::path& path)
{
    auto text = path.u8string();
    return std::string(text.begin(), text.end());
}

// The file, opened with a bigger buffer than the default: CsvReader reads one character at a time.
class CsvFile {
public:
    explicit CsvFile(const fs::path& file) : buffer_(1 << 20)
    {
        in_.rdbuf()->pubsetbuf(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        errno = 0;
        in_.open(file, std::ios::binary);
        if (!in_) {
            std::error_code ec;
            std::string reason = fs::is_directory(file, ec) ? "it is a folder"
                                 : errno != 0               ? std::generic_category().message(errno)
                                                            : "it could not be opened";
            throw Error(display(file) + ": cannot be read: " + reason);
        }
        std::error_code size_error;
        size_ = fs::file_size(file, size_error);
    }

    std::istream& stream() { return in_; }
    std::uint64_t size() const { return size_; }

private:
    std::vector<char> buffer_;
    std::ifstream in_;
    std::uint64_t size_ = 0;
};

inline bool all_blank(const std::vector<std::string>& fields)
{
    return std::all_of(fields.begin(), fields.end(), [](const std::string& field) { return trim(field).empty(); });
}

// A file's header and then its rows that are not all blank (rows of empty cells are what
// spreadsheets leave below the data), one at a time.
class RowSource {
public:
    virtual ~RowSource() = default;
    virtual std::size_t header_line() const = 0;
    virtual const std::vector<std::string>& header() const = 0;
    virtual bool next(std::size_t& line, const std::vector<std::string>*& fields) = 0;
    virtual std::uint64_t done() const = 0;  // for progress, in units of total()
    virtual std::uint64_t total() const = 0;
    virtual std::string sheet() const = 0;   // "" for CSV
    virtual bool fixed_width() const = 0;    // every row has the header's number of fields
};

// Streams a CSV file: a million rows are never in memory at once. CsvError escapes.
class CsvSource : public RowSource {
public:
    explicit CsvSource(const fs::path& file) : name_(display(file)), input_(file), reader_(input_.stream())
    {
        if (!reader_.next(header_))
            throw ImportError(display(file) + " is empty", {});
    }
    std::size_t header_line() const override { return header_.line; }
    const std::vector<std::string>& header() const override { return header_.fields; }
    bool next(std::size_t& line, const std::vector<std::string>*& fields) override
    {
        while (reader_.next(record_)) {
            if (all_blank(record_.fields))
                continue;
            line = record_.line;
            fields = &record_.fields;
            return true;
        }
        if (input_.stream().bad())
            throw Error(name_ + ": cannot be read: the read failed part way through");
        return false;
    }
    std::uint64_t done() const override { return reader_.bytes_read(); }
    std::uint64_t total() const override { return input_.size(); }
    std::string sheet() const override { return {}; }
    bool fixed_width() const override { return true; }

private:
    std::string name_;
    CsvFile input_;
    CsvReader reader_;
    CsvRecord header_, record_;
};

// A worksheet, read whole (spreadsheet exports are small next to what CSV is used for).
// The first row with a value is the header.
class XlsxSource : public RowSource {
public:
    XlsxSource(const fs::path& file, const std::string& sheet) : sheet_(read_xlsx_sheet(file, sheet, &names_))
    {
        if (sheet_.rows.empty())
            throw ImportError(display(file) + ": sheet " + sheet_.name + " is empty", {});
    }
    std::size_t header_line() const override { return static_cast<std::size_t>(sheet_.rows.front().number); }
    const std::vector<std::string>& header() const override { return sheet_.rows.front().cells; }
    bool next(std::size_t& line, const std::vector<std::string>*& fields) override
    {
        while (++at_ < sheet_.rows.size()) {
            if (all_blank(sheet_.rows[at_].cells))
                continue;
            line = static_cast<std::size_t>(sheet_.rows[at_].number);
            fields = &sheet_.rows[at_].cells;
            return true;
        }
        return false;
    }
    std::uint64_t done() const override { return at_; }
    std::uint64_t total() const override { return sheet_.rows.size(); }
    std::string sheet() const override { return sheet_.name; }
    bool fixed_width() const override { return false; }
    const std::vector<std::string>& sheet_names() const { return names_; }
    std::vector<std::vector<std::string>> sample(std::size_t rows) const
    {
        std::vector<std::vector<std::string>> sample;
        for (std::size_t i = 1; i < sheet_.rows.size() && sample.size() < rows; ++i)
            sample.push_back(sheet_.rows[i].cells);
        return sample;
    }

private:
    std::vector<std::string> names_;
    XlsxSheet sheet_;
    std::size_t at_ = 0;
};

inline std::unique_ptr<RowSource> open_source(const fs::path& file, const std::string& sheet)
{
    if (is_xlsx_file(file))
        return std::make_unique<XlsxSource>(file, sheet);
    return std::make_unique<CsvSource>(file);
}

inline std::vector<std::vector<std::string>> sample_rows(RowSource& source, std::size_t rows)
{
    std::vector<std::vector<std::string>> sample;
    std::size_t line = 0;
    const std::vector<std::string>* fields = nullptr;
    while (sample.size() < rows && source.next(line, fields))
        sample.push_back(*fields);
    return sample;
}

} // namespace chorus::rows
