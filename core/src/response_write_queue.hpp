#pragma once
// Writes checked responses through a Store::BulkWriter on a thread of its own (internal to
// response import), so that on two cores reading and checking the next rows overlaps SQLite
// writing these. Each response is copied, flat, into a batch of bytes (a few hundred bytes
// a row, read back in order by the writing thread into a Response of its own): both threads
// then work in their own cache-warm memory, where handing over the responses themselves
// (scattered map nodes and strings) cost more than the overlap saved. A fixed pool of
// batches bounds the memory however long the file. An error in the writing thread stops
// it and is rethrown on the checking thread by the next hand-over or by finish(); the
// destructor stops the writing thread and joins it on every path, so a failed or
// cancelled import has no thread left when its transaction rolls back.
#include "chorus/response.hpp"
#include "chorus/store.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace chorus {

class ResponseWriteQueue {
public:
    explicit ResponseWriteQueue(Store::BulkWriter& writer);
    ~ResponseWriteQueue(); // stops the writing thread (what is queued is dropped) and joins it
    ResponseWriteQueue(const ResponseWriteQueue&) = delete;
    ResponseWriteQueue& operator=(const ResponseWriteQueue&) = delete;

    // Queues a response that BulkWriter::check() passed; it is copied, so the caller may
    // reuse it at once. Waits when every batch is queued; throws the writing thread's error.
    void push(const Response& response);
    // Hands the last batch over, waits until everything is written and joins the thread;
    // throws the writing thread's error.
    void finish();

private:
    struct Batch {
        std::string bytes; // the responses, encoded one after the other
    };

    void hand_over();     // the batch being filled, for one that is empty
    void write_batches(); // the writing thread
    void write(const Batch& batch);

    Store::BulkWriter& writer_;
    std::vector<Batch> pool_;
    Batch* filling_ = nullptr; // the checking thread's
    std::mutex mutex_;         // guards what follows, up to thread_
    std::condition_variable changed_;
    std::deque<Batch*> full_, empty_;
    bool last_ = false; // no batch will follow those queued
    bool stop_ = false; // drop what is queued and end
    std::exception_ptr error_;
    Response written_; // the writing thread's: each response read back, its map nodes reused
    std::vector<std::map<std::string, Answer>::node_type> spare_nodes_; // the writing thread's
    std::thread thread_; // last: started once the rest is ready
};

} // namespace chorus
