#pragma once
// Store's private parts, shared by store.cpp and store_bulk.cpp (internal).
#include "chorus/response_validation.hpp"
#include "chorus/store.hpp"

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string_view>
#include <vector>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

namespace chorus {

// A stored instrument version with the row ids its answers refer to.
struct LoadedVersion {
    std::int64_t row_id = 0;
    Instrument instrument;
    struct QuestionRows {
        std::int64_t id = 0;
        // (option code, choice.id); a handful of codes compare faster than they hash.
        std::vector<std::pair<std::string, std::int64_t>> choice_list;
        std::int64_t choice_id(std::string_view code) const
        {
            for (const auto& [each, choice] : choice_list)
                if (each == code)
                    return choice;
            throw std::out_of_range("no option " + std::string(code));
        }
    };
    std::unordered_map<std::string, QuestionRows> questions; // key -> rows
    // The questions sorted by key, walked beside a response's (sorted) answers.
    std::vector<std::pair<std::string_view, const QuestionRows*>> sorted_questions;
    const QuestionRows& rows_of(std::string_view key, std::size_t& from) const;
    // choice.id -> its question and option, to read a response's choice pack back.
    struct ChoiceRow {
        std::string key;
        std::string code;
        int position = 0; // option order, for multiple-choice answers
    };
    std::unordered_map<std::int64_t, ChoiceRow> choices;
    std::unique_ptr<ResponseValidator> validator;
};

// The response.choices column of a response (choice_pack.hpp).
std::string choice_pack_of(const LoadedVersion& loaded, const Response& response);

// Writes the rows of one valid response, with statements prepared once per write transaction.
class ResponseInserter {
public:
    explicit ResponseInserter(sql::Connection& connection);
    void insert(const LoadedVersion& loaded, const Response& response, const std::string& saved_at);
    // The answer_value rows alone, for a response row already there (a correction rewrites them).
    void insert_values(const LoadedVersion& loaded, std::int64_t response_id, const Response& response);
    // False when no stored draft can share a response's uuid, sparing a DELETE per response.
    bool completes_drafts = true;

private:
    sql::Connection& connection_;
    sql::Statement insert_response_;
    sql::Statement insert_value_;
    sql::Statement delete_draft_;
};

struct Store::Impl {
    Impl(const std::filesystem::path& file, const std::string& passphrase)
        : connection(file, sql::Connection::Mode::read_write_create, passphrase) {}

    sql::Connection connection;
    // Stored versions never change, so caching them is safe across connections.
    std::map<std::pair<std::string, int>, std::unique_ptr<LoadedVersion>> versions;

    const LoadedVersion* find_version(const std::string& id, int version);
    const LoadedVersion& version_of(const Response& response);
    void audit(const std::string& actor, const std::string& action, const std::string& entity,
               const std::string& detail, const std::string& reason = {});
    // Keeps why a response was corrected or deleted beside it, apart from the audit log.
    void record_change(const std::string& uuid, const std::string& actor, const std::string& action,
                       const std::string& reason);
};

std::string version_name(const std::string& id, int version);

} // namespace chorus
