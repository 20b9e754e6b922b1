#include "fuzz_support.hpp"

#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace chorus::fuzz {

namespace {

struct ScratchFolder {
    ScratchFolder()
        : path(std::filesystem::temp_directory_path() / ("chorus-fuzz-" + std::to_string(::getpid())))
    {
        std::filesystem::create_directories(path);
    }
    ~ScratchFolder()
    {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::filesystem::path path;
};

// libzip reads a part's bytes only at zip_close: `bytes` must live until then.
void add_part(zip_t* archive, const std::string& name, std::string_view bytes)
{
    zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    if (source == nullptr)
        fail("zip_source_buffer failed");
    zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE);
    if (index < 0) {
        zip_source_free(source); // e.g. an empty part name: the part is left out
        return;
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
}

} // namespace

void fail(const std::string& why)
{
    std::fprintf(stderr, "chorus fuzz property broken: %s\n", why.c_str());
    std::fflush(stderr);
    std::abort();
}

const std::filesystem::path& scratch_folder()
{
    static const ScratchFolder folder;
    return folder.path;
}

void write_bytes(const std::filesystem::path& file, std::string_view bytes)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush())
        fail("cannot write " + file.string());
}

void write_workbook(const std::filesystem::path& file, std::string_view input)
{
    if (input.substr(0, 2) == "PK") {
        write_bytes(file, input);
        return;
    }
    int error = 0;
    zip_t* archive = zip_open(file.string().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (archive == nullptr)
        fail("cannot create " + file.string());
    // Each part runs from the line after its "--- name" line to the newline before the next.
    constexpr std::string_view marker = "--- ";
    std::string name;
    std::size_t body = std::string_view::npos; // no part yet: bytes before the first marker are ignored
    std::size_t line = 0;
    while (line <= input.size()) {
        std::size_t end = std::min(input.find('\n', line), input.size());
        if (input.substr(line, end - line).substr(0, marker.size()) == marker) {
            if (body != std::string_view::npos)
                add_part(archive, name, input.substr(body, std::max(line, body + 1) - 1 - body));
            name = std::string(input.substr(line + marker.size(), end - line - marker.size()));
            body = std::min(end + 1, input.size());
        }
        line = end + 1;
    }
    if (body != std::string_view::npos)
        add_part(archive, name, input.substr(body));
    if (zip_close(archive) != 0) {
        zip_discard(archive);
        fail("cannot write " + file.string());
    }
}

} // namespace chorus::fuzz
