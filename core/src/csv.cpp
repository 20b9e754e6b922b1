#include "chorus/csv.hpp"

#include <streambuf>
#include <string>

namespace chorus {

namespace {

constexpr int end_of_input = std::char_traits<char>::eof();

// The next field slot of record, reusing a string left from an earlier record so that
// reading a large file does not allocate per field.
std::string& start_field(CsvRecord& record, std::size_t& field_count) {
    if (field_count < record.fields.size()) {
        std::string& field = record.fields[field_count++];
        field.clear();
        return field;
    }
    ++field_count;
    return record.fields.emplace_back();
}

} // namespace

CsvReader::CsvReader(std::istream& in, char separator) : in_(in), separator_(separator) {}

// Reading through the stream buffer avoids the sentry work istream::get() does per character.
int CsvReader::get() {
    const int c = in_.rdbuf()->sbumpc();
    if (c != end_of_input) ++bytes_;
    return c;
}

bool CsvReader::next(CsvRecord& record) {
    std::streambuf& buffer = *in_.rdbuf();
    const int separator = std::char_traits<char>::to_int_type(separator_);

    // Bytes of a lead that looked like a byte order mark but was not one: they begin the data.
    std::string not_a_bom;
    if (!started_) {
        started_ = true;
        static constexpr int bom[] = {0xEF, 0xBB, 0xBF};
        for (const int expected : bom) {
            if (buffer.sgetc() != expected) break;
            not_a_bom += static_cast<char>(get());
        }
        if (not_a_bom.size() == 3) not_a_bom.clear();
    }

    const auto take_line_end = [&](int c) {
        // c is '\n' or '\r', not yet consumed; CRLF counts as one line end.
        get();
        if (c == '\r' && buffer.sgetc() == '\n') get();
        ++line_;
    };

    if (not_a_bom.empty()) {
        for (;;) { // skip blank lines
            const int c = buffer.sgetc();
            if (c == end_of_input) return false;
            if (c != '\n' && c != '\r') break;
            take_line_end(c);
        }
    }

    record.line = line_;
    std::size_t field_count = 0;
    for (;;) {
        std::string& field = start_field(record, field_count);
        int c = buffer.sgetc();
        if (!not_a_bom.empty()) {
            field = std::move(not_a_bom);
            not_a_bom.clear();
        } else if (c == '"') {
            get();
            const std::size_t opened_on = line_;
            for (;;) {
                c = get();
                if (c == end_of_input)
                    throw CsvError("quoted field starting on line " + std::to_string(opened_on) +
                                       " is not closed",
                                   opened_on);
                if (c == '"') {
                    if (buffer.sgetc() != '"') break;
                    get();
                } else if (c == '\n') {
                    ++line_;
                } else if (c == '\r') {
                    ++line_;
                    if (buffer.sgetc() == '\n') {
                        field += '\r';
                        c = get();
                    }
                }
                field += static_cast<char>(c);
            }
            c = buffer.sgetc();
            if (c != separator && c != '\n' && c != '\r' && c != end_of_input)
                throw CsvError("unexpected character after a closing quote on line " +
                                   std::to_string(line_),
                               line_);
        }
        // Unquoted text (or the rest after a lead that was not a byte order mark).
        for (;;) {
            c = buffer.sgetc();
            if (c == separator || c == '\n' || c == '\r' || c == end_of_input) break;
            field += static_cast<char>(get());
        }
        if (c == separator) {
            get();
            continue;
        }
        if (c != end_of_input) take_line_end(c);
        break;
    }
    record.fields.resize(field_count);
    return true;
}

} // namespace chorus
