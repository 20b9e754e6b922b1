#pragma once
// Shared helpers for core tests: a temporary folder removed afterwards, file
// writing, and a small instrument covering every question type.
#include "chorus/instrument.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {
class Store;
}

namespace chorus::test {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

void write_file(const std::filesystem::path& file, std::string_view text);
std::string read_file(const std::filesystem::path& file);

// JSON of instrument "every-type" version `version`: one question of every type
// (keys: choice, many, agree, faces3, faces5, yesno, rating, count, amount, when,
// name, story, intro), with `why` relevant when agree is disagree/strongly_disagree.
// Only `agree` is required. count: integer 0..120; amount: decimal 0..1000.
std::string every_type_json(int version = 1);
Instrument every_type_instrument(int version = 1);

// The secondary indexes of the response and answer tables, by name: a bulk write drops
// them and builds them again at commit, and a rollback must bring them back.
std::vector<std::string> response_indexes(Store& store);
inline const std::vector<std::string> all_response_indexes{"answer_value_by_question", "response_by_team",
                                                           "response_by_uuid", "response_in_list_order"};

} // namespace chorus::test
