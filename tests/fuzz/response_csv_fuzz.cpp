// Fuzz target: CSV response import. The input is a CSV file, imported into a real store for
// two instruments (every question type; the youth event form that online tools export). The
// preview (dry run) and the import must agree: the import refuses exactly what the preview
// finds problems in, and imports as many rows as the preview said it would. A refused
// import changes nothing.
#include "fuzz_support.hpp"

#include "../core/test_support.hpp"
#include "chorus/instrument_json.hpp"
#include "chorus/response_import.hpp"
#include "chorus/store.hpp"

#include <fstream>
#include <iterator>
#include <memory>
#include <string_view>

namespace {

using namespace chorus;

struct Target {
    const char* instrument_id;
    const char* respondent_type;
};
constexpr Target targets[] = {{"every-type", "parent"}, {"youth-event-feedback", "young_person"}};

// Rows pile up as inputs import: past this many the store starts again, to stay fast.
constexpr std::int64_t responses_before_fresh_store = 5000;

std::unique_ptr<Store> fresh_store()
{
    const auto database = fuzz::scratch_folder() / "chorus.db";
    std::filesystem::remove(database);
    auto store = std::make_unique<Store>(database);
    store->add_instrument(test::every_type_instrument(), "fuzz");
    std::ifstream in(CHORUS_FUZZ_YOUTH_EVENT_DEFINITION);
    std::string youth_event{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    store->add_instrument(parse_instrument(youth_event, CHORUS_FUZZ_YOUTH_EVENT_DEFINITION), "fuzz");
    return store;
}

void check_agreement(Store& store, const std::filesystem::path& file, const Target& target)
{
    ResponseImportOptions options;
    options.instrument_id = target.instrument_id;
    options.respondent_type = target.respondent_type;
    const std::string where = std::string(" (instrument ") + target.instrument_id + ")";

    ImportPreview preview;
    const auto previewed = fuzz::loads_or_refuses("preview_response_import" + where,
                                                  [&] { preview = preview_response_import(store, file, options); });
    const std::int64_t before = store.count_responses();
    ResponseImportResult result;
    bool import_error = false;
    const auto imported = fuzz::loads_or_refuses("import_responses" + where, [&] {
        try {
            result = import_responses(store, file, options, "fuzz");
        } catch (const ImportError&) {
            import_error = true;
            throw;
        }
    });
    const std::int64_t after = store.count_responses();

    if (imported == fuzz::Outcome::refused && after != before)
        fuzz::fail("a refused import changed the number of responses" + where);
    if (previewed == fuzz::Outcome::refused) {
        if (imported == fuzz::Outcome::loaded)
            fuzz::fail("the preview refused the file but the import took it" + where);
        return;
    }
    if (preview.problem_count > 0) {
        if (!import_error)
            fuzz::fail("the preview found " + std::to_string(preview.problem_count) + " problems (" + preview.summary
                       + ") but the import " + (imported == fuzz::Outcome::loaded ? "took the file" : "did not throw ImportError")
                       + where);
        return;
    }
    if (imported == fuzz::Outcome::refused)
        fuzz::fail("the preview found no problem but the import refused the file" + where);
    if (result.imported != preview.would_import() || result.already_imported != preview.already_imported)
        fuzz::fail("the preview said " + std::to_string(preview.would_import()) + " rows would be imported ("
                   + std::to_string(preview.already_imported) + " already), the import imported "
                   + std::to_string(result.imported) + " (" + std::to_string(result.already_imported) + " already)" + where);
    if (after - before != static_cast<std::int64_t>(result.imported))
        fuzz::fail("the import said it imported " + std::to_string(result.imported) + " rows but stored "
                   + std::to_string(after - before) + where);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static std::unique_ptr<Store> store = fresh_store();
    if (store->count_responses() > responses_before_fresh_store) {
        store.reset();
        store = fresh_store();
    }
    const auto file = fuzz::scratch_folder() / "responses.csv";
    fuzz::write_bytes(file, std::string_view(reinterpret_cast<const char*>(data), size));
    for (const auto& target : targets)
        check_agreement(*store, file, target);
    return 0;
}
