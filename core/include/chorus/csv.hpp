#pragma once
// RFC 4180 CSV reading: quoted fields, doubled quotes, line breaks inside quotes,
// CRLF or LF, an optional UTF-8 byte order mark. Fields are returned as written.
#include "chorus/error.hpp"
#include "chorus/export.hpp"

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace chorus {

class CHORUS_CORE_API CsvError : public Error {
public:
    CsvError(const std::string& message, std::size_t line) : Error(message), line_(line) {}
    std::size_t line() const { return line_; }

private:
    std::size_t line_;
};

struct CsvRecord {
    std::size_t line = 0; // 1-based line on which the record starts
    std::vector<std::string> fields;
};

class CHORUS_CORE_API CsvReader {
public:
    explicit CsvReader(std::istream& in, char separator = ',');
    // Reads the next record; false at end of input. Blank lines are skipped.
    // Throws CsvError for a quote left open at end of input or text after a closing quote.
    bool next(CsvRecord& record);
    std::uint64_t bytes_read() const { return bytes_; }

private:
    int get();
    std::istream& in_;
    char separator_;
    std::size_t line_ = 1;
    std::uint64_t bytes_ = 0;
    bool started_ = false;
};

} // namespace chorus
