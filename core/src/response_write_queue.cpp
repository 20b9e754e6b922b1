#include "response_write_queue.hpp"

#include <cstdint>
#include <cstring>
#include <iterator>
#include <string_view>
#include <variant>

namespace chorus {

namespace {

// A batch is handed over once it holds this much (a few hundred responses); with this many
// batches the writing thread can fall some thousands of responses behind, so neither
// thread waits for the other at every hand-over, in 2 MiB.
constexpr std::size_t batch_bytes = 64 * 1024;
constexpr std::size_t batch_count = 32;

// The encoding: texts as a 32-bit length and the bytes; a response as its uuid, capture
// time, captured by, team and respondent type, then its answers' count and, in key order,
// each answer's key, its kind (the Answer's alternative) and value.
template <typename T>
void put(std::string& bytes, T value)
{
    bytes.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void put_text(std::string& bytes, std::string_view text)
{
    put(bytes, static_cast<std::uint32_t>(text.size()));
    bytes.append(text);
}

void put_response(std::string& bytes, const Response& response)
{
    for (const std::string* text : {&response.uuid, &response.captured_at, &response.captured_by, &response.team,
                                    &response.respondent_type})
        put_text(bytes, *text);
    put(bytes, static_cast<std::uint32_t>(response.answers.size()));
    for (const auto& [key, answer] : response.answers) {
        put_text(bytes, key);
        put(bytes, static_cast<std::uint8_t>(answer.index()));
        if (auto text = std::get_if<std::string>(&answer)) {
            put_text(bytes, *text);
        } else if (auto codes = std::get_if<std::vector<std::string>>(&answer)) {
            put(bytes, static_cast<std::uint32_t>(codes->size()));
            for (const auto& code : *codes)
                put_text(bytes, code);
        } else if (auto whole = std::get_if<std::int64_t>(&answer)) {
            put(bytes, *whole);
        } else {
            put(bytes, std::get<double>(answer));
        }
    }
}

class Reader {
public:
    explicit Reader(const std::string& bytes) : at_(bytes.data()), end_(bytes.data() + bytes.size()) {}
    bool done() const { return at_ == end_; }

    template <typename T>
    T get()
    {
        T value;
        std::memcpy(&value, at_, sizeof value);
        at_ += sizeof value;
        return value;
    }

    std::string_view text()
    {
        const auto size = get<std::uint32_t>();
        std::string_view text(at_, size);
        at_ += size;
        return text;
    }

private:
    const char* at_;
    const char* end_;
};

// Into what `answer` holds from an earlier response where it can, so its buffers are reused.
void read_answer(Reader& in, Answer& answer)
{
    switch (in.get<std::uint8_t>()) {
    case 0:
        if (auto text = std::get_if<std::string>(&answer))
            text->assign(in.text());
        else
            answer.emplace<std::string>(in.text());
        break;
    case 1: {
        auto held = std::get_if<std::vector<std::string>>(&answer);
        auto& codes = held ? *held : answer.emplace<std::vector<std::string>>();
        codes.resize(in.get<std::uint32_t>());
        for (auto& code : codes)
            code.assign(in.text());
        break;
    }
    case 2:
        answer = in.get<std::int64_t>();
        break;
    default:
        answer = in.get<double>();
        break;
    }
}

} // namespace

ResponseWriteQueue::ResponseWriteQueue(Store::BulkWriter& writer) : writer_(writer), pool_(batch_count)
{
    for (auto& batch : pool_) {
        batch.bytes.reserve(batch_bytes + 4096);
        empty_.push_back(&batch);
    }
    filling_ = empty_.front();
    empty_.pop_front();
    written_.instrument_id = writer.instrument().id;
    written_.instrument_version = writer.instrument().version;
    thread_ = std::thread([this] { write_batches(); });
}

ResponseWriteQueue::~ResponseWriteQueue()
{
    if (!thread_.joinable())
        return;
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

void ResponseWriteQueue::push(const Response& response)
{
    put_response(filling_->bytes, response);
    if (filling_->bytes.size() >= batch_bytes)
        hand_over();
}

void ResponseWriteQueue::hand_over()
{
    std::unique_lock lock(mutex_);
    if (error_)
        std::rethrow_exception(error_);
    full_.push_back(filling_);
    changed_.notify_all();
    changed_.wait(lock, [this] { return !empty_.empty() || error_; });
    if (error_)
        std::rethrow_exception(error_);
    filling_ = empty_.front();
    empty_.pop_front();
}

void ResponseWriteQueue::finish()
{
    {
        std::lock_guard lock(mutex_);
        if (!filling_->bytes.empty())
            full_.push_back(filling_);
        last_ = true;
    }
    changed_.notify_all();
    thread_.join();
    if (error_) // the thread has ended: nothing else touches error_
        std::rethrow_exception(error_);
}

void ResponseWriteQueue::write_batches()
{
    for (;;) {
        Batch* batch = nullptr;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stop_ || last_ || !full_.empty(); });
            if (stop_ || full_.empty())
                return;
            batch = full_.front();
            full_.pop_front();
        }
        try {
            write(*batch);
        } catch (...) {
            {
                std::lock_guard lock(mutex_);
                error_ = std::current_exception();
            }
            changed_.notify_all();
            return;
        }
        {
            std::lock_guard lock(mutex_);
            batch->bytes.clear();
            empty_.push_back(batch);
        }
        changed_.notify_all();
    }
}

void ResponseWriteQueue::write(const Batch& batch)
{
    Response& response = written_;
    auto& answers = response.answers;
    for (Reader in(batch.bytes); !in.done();) {
        for (std::string* text : {&response.uuid, &response.captured_at, &response.captured_by, &response.team,
                                  &response.respondent_type})
            text->assign(in.text());
        // The answers come in key order: one pass beside the map's, keeping the nodes of keys
        // both responses have, and reusing those of keys only the earlier one had.
        auto at = answers.begin();
        for (auto count = in.get<std::uint32_t>(); count > 0; --count) {
            const std::string_view key = in.text();
            while (at != answers.end() && std::string_view(at->first) < key)
                spare_nodes_.push_back(answers.extract(at++));
            if (at == answers.end() || at->first != key) {
                if (spare_nodes_.empty()) {
                    at = answers.emplace_hint(at, std::string(key), Answer{});
                } else {
                    auto node = std::move(spare_nodes_.back());
                    spare_nodes_.pop_back();
                    node.key().assign(key);
                    at = answers.insert(at, std::move(node));
                }
            }
            read_answer(in, at->second);
            ++at;
        }
        while (at != answers.end())
            spare_nodes_.push_back(answers.extract(at++));
        writer_.add_checked(response);
    }
}

} // namespace chorus
