// The importers against the real files other tools wrote (/work/shared/interop, beside the
// clone), as they are: every question, every warning, and that the result can be stored
// and answered.
#include "chorus/definition_import.hpp"
#include "chorus/store.hpp"
#include "chorus/uuid.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace chorus;
namespace fs = std::filesystem;

namespace {

fs::path interop_file(const std::string& name)
{
    const fs::path folder = CHORUS_INTEROP_DIR;
    if (!fs::is_directory(folder))
        ADD_FAILURE() << "the interop folder " << folder
                      << " is missing: the shared/ folder must be beside the clone (see tests/CMakeLists.txt)";
    return folder / name;
}

// "key type [required] [a,b,c] [when: condition]", one per question.
std::vector<std::string> described(const Instrument& instrument)
{
    std::vector<std::string> lines;
    for (const auto& question : instrument.questions) {
        std::string line = question.key + " " + std::string(to_string(question.type));
        if (question.required)
            line += " required";
        if (!question.options.empty() && question.type != QuestionType::rating_0_10) {
            std::string codes;
            for (const auto& option : question.options)
                codes += (codes.empty() ? "" : ",") + option.code;
            line += " [" + codes + "]";
        }
        if (!question.relevant.empty())
            line += " when: " + question.relevant;
        lines.push_back(line);
    }
    return lines;
}

std::vector<std::string> warnings_of(const ImportedDefinition& imported, const fs::path& file)
{
    std::vector<std::string> lines;
    for (const auto& warning : imported.warnings) {
        EXPECT_EQ(warning.source, file.string());
        lines.push_back(warning.path + ": " + warning.message);
    }
    return lines;
}

Answer answer_for(const Question& question)
{
    switch (question.type) {
    case QuestionType::multiple_choice: return std::vector<std::string>{question.options.front().code};
    case QuestionType::integer: return std::int64_t{42};
    case QuestionType::decimal: return 2.5;
    case QuestionType::date: return std::string("2025-07-01");
    case QuestionType::short_text:
    case QuestionType::long_text: return std::string("an answer");
    default: return question.options.back().code;
    }
}

// Stores the instrument in a real database and a response answering every question
// shown without conditions.
void expect_stores_and_answers(const Instrument& instrument)
{
    test::TempDir dir;
    Store store(dir / "chorus.db");
    ASSERT_EQ(store.add_instrument(instrument, "tester"), AddOutcome::added);
    Response response;
    response.uuid = new_uuid();
    response.instrument_id = instrument.id;
    response.instrument_version = instrument.version;
    response.captured_at = "2025-07-01T09:30:00Z";
    response.captured_by = "pw-014";
    response.respondent_type = "parent";
    for (const auto& question : instrument.questions)
        if (question.type != QuestionType::note && question.relevant.empty())
            response.answers[question.key] = answer_for(question);
    ASSERT_NO_THROW(store.add_response(response, "tester"));
    EXPECT_EQ(store.count_responses(instrument.id), 1);
}

} // namespace

TEST(InteropXlsform, YesOrNoQuestionWithTheOldSelectSyntax)
{
    const auto file = interop_file("xlsform/yes_or_no_question.xlsx");
    const auto imported = import_xlsform(file);
    EXPECT_EQ(imported.instrument.id, "yes-or-no-question");
    EXPECT_EQ(imported.instrument.version, 1);
    EXPECT_EQ(described(imported.instrument), (std::vector<std::string>{"good_day single_choice [yes,no]"}));
    EXPECT_EQ(imported.instrument.questions[0].label, "have you had a good day today?");
    EXPECT_EQ(imported.instrument.questions[0].options[1].label, "no");
    EXPECT_EQ(warnings_of(imported, file), std::vector<std::string>{});
    expect_stores_and_answers(imported.instrument);
}

TEST(InteropXlsform, OrOtherAddsAnOptionAndAFollowUpQuestion)
{
    const auto file = interop_file("xlsform/or_other.xlsx");
    const auto imported = import_xlsform(file);
    EXPECT_EQ(imported.instrument.id, "or-other");
    EXPECT_EQ(described(imported.instrument),
              (std::vector<std::string>{"fav_color single_choice [red,green,blue,mauve,apricot,other]",
                                        "fav_color_other short_text when: selected(fav_color, 'other')",
                                        "fav_pastel single_choice [red,green,blue,mauve,apricot]"}));
    EXPECT_EQ(imported.instrument.questions[1].label, "Specify other.");
    EXPECT_EQ(warnings_of(imported, file),
              (std::vector<std::string>{"choices row 1: column \"pastel\" not kept",
                                        "survey row 3: column \"choice_filter\" (\"pastel=yes\") not kept"}));
    expect_stores_and_answers(imported.instrument);
}

TEST(InteropXlsform, TextAndIntegerWithAnEmptyChoicesSheet)
{
    const auto file = interop_file("xlsform/text_and_integer.xlsx");
    const auto imported = import_xlsform(file);
    EXPECT_EQ(described(imported.instrument),
              (std::vector<std::string>{"your_name short_text", "your_age integer"}));
    EXPECT_EQ(imported.instrument.questions[1].label, "How many years old are you?");
    EXPECT_EQ(warnings_of(imported, file), std::vector<std::string>{});
    expect_stores_and_answers(imported.instrument);
}

TEST(InteropXlsform, GroupBecomesANoteAndPhoneNumberIsSkippedByName)
{
    const auto file = interop_file("xlsform/group.xlsx");
    const auto imported = import_xlsform(file);
    EXPECT_EQ(described(imported.instrument),
              (std::vector<std::string>{"family_name short_text", "father note", "age integer"}));
    EXPECT_EQ(imported.instrument.questions[1].label, "Father");
    EXPECT_EQ(warnings_of(imported, file),
              (std::vector<std::string>{
                  "survey row 4: type \"phone number\" is not supported; question \"phone_number\" skipped"}));
    expect_stores_and_answers(imported.instrument);
}

TEST(InteropSurveyjs, AllQuestionTypes)
{
    const auto file = interop_file("surveyjs/all_question_types.json");
    const auto imported = import_definition_file(file);
    const auto& instrument = imported.instrument;
    EXPECT_EQ(instrument.id, "test-survey");
    EXPECT_EQ(instrument.title, "Test Survey");
    EXPECT_EQ(described(instrument),
              (std::vector<std::string>{
                  "page_basic_input note",
                  "first_name short_text required",
                  "last_name short_text required",
                  "birth_date date",
                  "age integer",
                  "email short_text",
                  "bio long_text",
                  "page_choice note",
                  "favorite_color single_choice required [red,blue,green,yellow,other]",
                  "favorite_color_other short_text when: selected(favorite_color, 'other')",
                  "hobbies multiple_choice [reading,sports,music,cooking,travel,none,other]",
                  "hobbies_other short_text when: selected(hobbies, 'other')",
                  "country single_choice [us,uk,ca,au]",
                  "skills multiple_choice [python,javascript,java,csharp,go,other]",
                  "skills_other short_text when: selected(skills, 'other')",
                  "favorite_pet single_choice [dog,cat,bird]",
                  "t_shirt_size single_choice required [s,m,l,xl]",
                  "page_special note",
                  "agree_terms single_choice [yes,no]",
                  "satisfaction single_choice [1,2,3,4,5,6,7,8,9,10]",
                  "page_matrix note",
                  "quality_matrix_product single_choice required [poor,fair,good,excellent]",
                  "quality_matrix_service single_choice required [poor,fair,good,excellent]",
                  "quality_matrix_support single_choice required [poor,fair,good,excellent]",
                  "page_layout note",
                  "contact_panel note",
                  "phone short_text",
                  "website short_text",
                  "info_html note",
              }));
    EXPECT_EQ(instrument.find_question("first_name")->label, "First Name");
    EXPECT_EQ(instrument.find_question("first_name")->help, "Enter your first name");
    EXPECT_EQ(*instrument.find_question("age")->min, 0);
    EXPECT_EQ(*instrument.find_question("age")->max, 150);
    EXPECT_EQ(instrument.find_question("email")->max_length, 100);
    EXPECT_EQ(instrument.find_question("bio")->max_length, 500);
    EXPECT_EQ(instrument.find_question("satisfaction")->options.front().label, "1 (Very Bad)");
    EXPECT_EQ(instrument.find_question("satisfaction")->options.back().label, "10 (Excellent)");
    EXPECT_EQ(instrument.find_question("quality_matrix_service")->label, "Rate the quality: Service Quality");
    EXPECT_EQ(instrument.find_question("info_html")->label,
              "Thank you for completing this survey. Your responses will be kept confidential.");

    const std::string renamed = " (keys are lower case letters, digits and '_', starting with a letter)";
    EXPECT_EQ(warnings_of(imported, file),
              (std::vector<std::string>{
                  "$.pages[0].elements[0] (firstName): name \"firstName\" is imported as \"first_name\"" + renamed,
                  "$.pages[0].elements[1] (lastName): name \"lastName\" is imported as \"last_name\"" + renamed,
                  "$.pages[0].elements[2] (birthDate): name \"birthDate\" is imported as \"birth_date\"" + renamed,
                  "$.pages[0].elements[4] (email): property validators not kept",
                  "$.pages[0].elements[5] (appointmentTime): type \"text with inputType datetime-local\" is not "
                  "supported (Chorus has no such question type); question \"appointmentTime\" skipped",
                  "$.pages[1].elements[0] (favoriteColor): name \"favoriteColor\" is imported as \"favorite_color\"" + renamed,
                  "$.pages[1].elements[1] (hobbies): property maxSelectedChoices not kept",
                  "$.pages[1].elements[1] (hobbies): property minSelectedChoices not kept",
                  "$.pages[1].elements[3] (skills): property maxSelectedChoices not kept",
                  "$.pages[1].elements[4] (favoritePet): images not kept: the choices are shown by their text",
                  "$.pages[1].elements[4] (favoritePet): name \"favoritePet\" is imported as \"favorite_pet\"" + renamed,
                  "$.pages[1].elements[5] (tShirtSize): name \"tShirtSize\" is imported as \"t_shirt_size\"" + renamed,
                  "$.pages[1].elements[6] (priorityItems): type \"ranking\" is not supported (Chorus has no such "
                  "question type); question \"priorityItems\" skipped",
                  "$.pages[2].elements[0] (agreeTerms): name \"agreeTerms\" is imported as \"agree_terms\"" + renamed,
                  "$.pages[2].elements[2] (volume): type \"slider\" is not supported (Chorus has no such question "
                  "type); question \"volume\" skipped",
                  "$.pages[2].elements[3] (priceRange): type \"slider\" is not supported (Chorus has no such "
                  "question type); question \"priceRange\" skipped",
                  "$.pages[2].elements[4] (signature): type \"signaturepad\" is not supported (Chorus has no such "
                  "question type); question \"signature\" skipped",
                  "$.pages[2].elements[5] (fullName): type \"expression\" is not supported (it is calculated, not "
                  "asked); question \"fullName\" skipped",
                  "$.pages[2].elements[6] (resume): type \"file\" is not supported (Chorus has no such question "
                  "type); question \"resume\" skipped",
                  "$.pages[3].elements[0].rows[0] (qualityMatrix.product): name \"qualityMatrix_product\" is "
                  "imported as \"quality_matrix_product\"" + renamed,
                  "$.pages[3].elements[0].rows[1] (qualityMatrix.service): name \"qualityMatrix_service\" is "
                  "imported as \"quality_matrix_service\"" + renamed,
                  "$.pages[3].elements[0].rows[2] (qualityMatrix.support): name \"qualityMatrix_support\" is "
                  "imported as \"quality_matrix_support\"" + renamed,
                  "$.pages[3].elements[1] (budgetMatrix): type \"matrixdropdown\" is not supported (Chorus has no "
                  "such question type); question \"budgetMatrix\" skipped",
                  "$.pages[3].elements[2] (employeeList): type \"matrixdynamic\" is not supported (Chorus has no "
                  "repeated groups); question \"employeeList\" skipped",
                  "$.pages[3].elements[3] (address): type \"multipletext\" is not supported (Chorus has no such "
                  "question type); question \"address\" skipped",
                  "$.pages[4].elements[0] (contactPanel): name \"contactPanel\" is imported as \"contact_panel\"" + renamed,
                  "$.pages[4].elements[1] (education): type \"paneldynamic\" is not supported (Chorus has no "
                  "repeated groups); question \"education\" skipped with the questions in it (institution, degree, year)",
                  "$.pages[4].elements[2] (infoHtml): HTML shown as plain text",
                  "$.pages[4].elements[2] (infoHtml): name \"infoHtml\" is imported as \"info_html\"" + renamed,
                  "$.pages[4].elements[3] (thankYouImage): type \"image\" is not supported (Chorus has no such "
                  "question type); question \"thankYouImage\" skipped",
                  "$: text in nl not kept: Chorus keeps one language (the default)",
              }));
    expect_stores_and_answers(instrument);
}
