#include "chorus/csv.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace chorus {
namespace {

using Fields = std::vector<std::string>;

struct Row {
    std::size_t line;
    Fields fields;
    bool operator==(const Row&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Row& row) {
    out << "line " << row.line << ":";
    for (const auto& field : row.fields) out << " [" << field << "]";
    return out;
}

std::vector<Row> read_all(const std::string& text, char separator = ',') {
    std::istringstream in(text);
    CsvReader reader(in, separator);
    CsvRecord record;
    std::vector<Row> rows;
    while (reader.next(record)) rows.push_back(Row{record.line, record.fields});
    return rows;
}

// The error reading text raises, or a failure if it reads cleanly.
CsvError read_error(const std::string& text) {
    try {
        read_all(text);
    } catch (const CsvError& error) {
        return error;
    }
    ADD_FAILURE() << "expected an error reading: " << text;
    return CsvError("", 0);
}

TEST(Csv, PlainRecordsWithLineNumbers) {
    EXPECT_EQ(read_all("a,b,c\n1,2,3\n"),
              (std::vector<Row>{{1, {"a", "b", "c"}}, {2, {"1", "2", "3"}}}));
}

TEST(Csv, NoFinalNewline) {
    EXPECT_EQ(read_all("a,b\n1,2"), (std::vector<Row>{{1, {"a", "b"}}, {2, {"1", "2"}}}));
    EXPECT_EQ(read_all("only"), (std::vector<Row>{{1, {"only"}}}));
    EXPECT_EQ(read_all("\"quoted\""), (std::vector<Row>{{1, {"quoted"}}}));
}

TEST(Csv, EmptyInput) {
    EXPECT_TRUE(read_all("").empty());
    EXPECT_TRUE(read_all("\n\n\r\n").empty());
    EXPECT_TRUE(read_all("\xEF\xBB\xBF").empty());
}

TEST(Csv, EmptyFields) {
    EXPECT_EQ(read_all(",a,,b,\n"), (std::vector<Row>{{1, {"", "a", "", "b", ""}}}));
    EXPECT_EQ(read_all("\"\",\"\"\n"), (std::vector<Row>{{1, {"", ""}}}));
}

TEST(Csv, LineOfSeparatorsIsARecordOfEmptyFields) {
    EXPECT_EQ(read_all("a,b\n,\n1,2\n"),
              (std::vector<Row>{{1, {"a", "b"}}, {2, {"", ""}}, {3, {"1", "2"}}}));
}

TEST(Csv, BlankLinesAreSkippedButCounted) {
    EXPECT_EQ(read_all("\n\na\n\n\nb\n\n"), (std::vector<Row>{{3, {"a"}}, {6, {"b"}}}));
    EXPECT_EQ(read_all("a\r\n\r\nb\r\n"), (std::vector<Row>{{1, {"a"}}, {3, {"b"}}}));
}

TEST(Csv, SpacesAreKept) {
    EXPECT_EQ(read_all(" a , b \n  \n"), (std::vector<Row>{{1, {" a ", " b "}}, {2, {"  "}}}));
}

TEST(Csv, QuotedFieldsWithSeparatorsAndDoubledQuotes) {
    EXPECT_EQ(read_all("\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\n"),
              (std::vector<Row>{{1, {"a,b", "say \"hi\"", "\""}}}));
}

TEST(Csv, QuoteInsideAnUnquotedFieldIsText) {
    EXPECT_EQ(read_all("5\" tall,x\n"), (std::vector<Row>{{1, {"5\" tall", "x"}}}));
}

TEST(Csv, EmbeddedNewlinesKeepLaterLineNumbersRight) {
    const auto rows = read_all("id,story\n1,\"first line\nsecond line\n\nfourth\"\n2,plain\n3,\"x\"\n");
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[1], (Row{2, {"1", "first line\nsecond line\n\nfourth"}}));
    EXPECT_EQ(rows[2], (Row{6, {"2", "plain"}}));
    EXPECT_EQ(rows[3], (Row{7, {"3", "x"}}));
}

TEST(Csv, CrlfLineEnds) {
    EXPECT_EQ(read_all("a,b\r\n1,\"x\r\ny\"\r\n2,3\r\n"),
              (std::vector<Row>{{1, {"a", "b"}}, {2, {"1", "x\r\ny"}}, {4, {"2", "3"}}}));
}

TEST(Csv, LoneCarriageReturnLineEnds) {
    EXPECT_EQ(read_all("a,b\r1,2\r\r3,4"),
              (std::vector<Row>{{1, {"a", "b"}}, {2, {"1", "2"}}, {4, {"3", "4"}}}));
    EXPECT_EQ(read_all("\"x\ry\"\rz\r"), (std::vector<Row>{{1, {"x\ry"}}, {3, {"z"}}}));
}

TEST(Csv, ByteOrderMarkIsStripped) {
    EXPECT_EQ(read_all("\xEF\xBB\xBFid,name\n1,x\n"),
              (std::vector<Row>{{1, {"id", "name"}}, {2, {"1", "x"}}}));
    EXPECT_EQ(read_all("\xEF\xBB\xBF\"id\",name\n"), (std::vector<Row>{{1, {"id", "name"}}}));
    // Only at the very start.
    EXPECT_EQ(read_all("a\n\xEF\xBB\xBF" "b\n"), (std::vector<Row>{{1, {"a"}}, {2, {"\xEF\xBB\xBF" "b"}}}));
}

TEST(Csv, ByteOrderMarkLookalikeIsData) {
    // U+F8FF (private use) is EF A3 BF: its first byte is not the start of a BOM.
    EXPECT_EQ(read_all("\xEF\xA3\xBF,x\n"), (std::vector<Row>{{1, {"\xEF\xA3\xBF", "x"}}}));
    EXPECT_EQ(read_all("\xEF\xBB,x\n"), (std::vector<Row>{{1, {"\xEF\xBB", "x"}}}));
    EXPECT_EQ(read_all("\xEF"), (std::vector<Row>{{1, {"\xEF"}}}));
}

TEST(Csv, OtherSeparators) {
    EXPECT_EQ(read_all("a;b,c;\"d;e\"\n", ';'), (std::vector<Row>{{1, {"a", "b,c", "d;e"}}}));
    EXPECT_EQ(read_all("a\tb\n", '\t'), (std::vector<Row>{{1, {"a", "b"}}}));
}

TEST(Csv, Utf8IsPassedThrough) {
    EXPECT_EQ(read_all("café,\"naïve, “quoted”\"\n"),
              (std::vector<Row>{{1, {"café", "naïve, “quoted”"}}}));
}

TEST(Csv, RecordReuseDropsFieldsFromALongerEarlierRecord) {
    std::istringstream in("a,b,c,d\nx\n");
    CsvReader reader(in);
    CsvRecord record;
    ASSERT_TRUE(reader.next(record));
    EXPECT_EQ(record.fields.size(), 4u);
    ASSERT_TRUE(reader.next(record));
    EXPECT_EQ(record.fields, Fields{"x"});
    EXPECT_EQ(record.line, 2u);
    EXPECT_FALSE(reader.next(record));
    EXPECT_FALSE(reader.next(record)); // still false
}

TEST(Csv, UnclosedQuoteReportsTheLineItOpenedOn) {
    const CsvError error = read_error("a,b\n1,2\n3,\"never\nclosed\n");
    EXPECT_EQ(error.line(), 3u);
    EXPECT_STREQ(error.what(), "quoted field starting on line 3 is not closed");
}

TEST(Csv, TextAfterAClosingQuote) {
    const CsvError error = read_error("a,b\n\"x\nx\"y,2\n");
    EXPECT_EQ(error.line(), 3u);
    EXPECT_STREQ(error.what(), "unexpected character after a closing quote on line 3");
    EXPECT_EQ(read_error("\"a\" ,b\n").line(), 1u);
}

TEST(Csv, ErrorLinesAfterCrlfAndBlankLines) {
    EXPECT_EQ(read_error("a\r\n\r\n\"b\"c\r\n").line(), 3u);
    EXPECT_EQ(read_error("a\r\rb,\"c").line(), 3u);
}

TEST(Csv, BytesReadCountsEverythingConsumed) {
    const std::string text = "\xEF\xBB\xBFid,name\r\n1,\"a\"\"b\"\n\n";
    std::istringstream in(text);
    CsvReader reader(in);
    CsvRecord record;
    EXPECT_EQ(reader.bytes_read(), 0u);
    ASSERT_TRUE(reader.next(record));
    EXPECT_EQ(reader.bytes_read(), 3u + 9u); // BOM, "id,name\r\n"
    ASSERT_TRUE(reader.next(record));
    EXPECT_EQ(reader.bytes_read(), 3u + 9u + 9u);
    EXPECT_FALSE(reader.next(record));
    EXPECT_EQ(reader.bytes_read(), text.size());
}

} // namespace
} // namespace chorus
