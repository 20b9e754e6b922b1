// Tests for dates.hpp, uuid.hpp and paths.hpp.
#include "chorus/dates.hpp"
#include "chorus/error.hpp"
#include "chorus/paths.hpp"
#include "chorus/uuid.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace chorus {
namespace {

// --- Dates -------------------------------------------------------------------------------

TEST(Dates, ValidDates) {
    EXPECT_TRUE(is_valid_date("2024-03-09"));
    EXPECT_TRUE(is_valid_date("2023-12-31"));
    EXPECT_TRUE(is_valid_date("2023-01-31"));
    EXPECT_TRUE(is_valid_date("2023-04-30"));
    EXPECT_FALSE(is_valid_date("2023-04-31"));
    EXPECT_FALSE(is_valid_date("2023-02-30"));
    EXPECT_FALSE(is_valid_date("2024-13-01"));
    EXPECT_FALSE(is_valid_date("2024-00-10"));
    EXPECT_FALSE(is_valid_date("2024-01-00"));
    EXPECT_FALSE(is_valid_date("2024-01-32"));
}

TEST(Dates, LeapYears) {
    EXPECT_TRUE(is_valid_date("2024-02-29"));
    EXPECT_FALSE(is_valid_date("2023-02-29"));
    EXPECT_TRUE(is_valid_date("2000-02-29"));  // divisible by 400
    EXPECT_FALSE(is_valid_date("1900-02-29")); // divisible by 100 only
    EXPECT_FALSE(is_valid_date("2100-02-29"));
    EXPECT_TRUE(is_valid_date("2023-02-28"));
}

TEST(Dates, MalformedDates) {
    for (const char* text : {"", "2024-3-9", "24-03-09", "2024/03/09", "2024-03-09 ", " 2024-03-09",
                             "2024-03-09T00:00:00Z", "2024-03-0x", "20240309", "+024-03-09",
                             "2024-03-9", "0000-01-01"}) {
        EXPECT_FALSE(is_valid_date(text)) << '"' << text << '"';
    }
}

TEST(Dates, NormaliseIsoAndUkForms) {
    EXPECT_EQ(normalise_date("2024-03-09"), "2024-03-09");
    EXPECT_EQ(normalise_date("09/03/2024"), "2024-03-09"); // day first
    EXPECT_EQ(normalise_date("9/3/2024"), "2024-03-09");
    EXPECT_EQ(normalise_date("31/12/2023"), "2023-12-31");
    EXPECT_EQ(normalise_date("29/02/2024"), "2024-02-29");
    EXPECT_EQ(normalise_date("01/1/2024"), "2024-01-01");
    EXPECT_EQ(normalise_date(" 2024-03-09\r\n"), "2024-03-09"); // surrounding space from a file
}

TEST(Dates, NormaliseRejectsInvalidDates) {
    for (const char* text : {"2023-02-29", "2024-13-01", "29/02/2023", "31/04/2024", "12/13/2024",
                             "00/01/2024", "1/1/24", "001/1/2024", "1/1/20245", "1-1-2024",
                             "03/09/2024x", "", "yesterday", "29/02/1900"}) {
        EXPECT_EQ(normalise_date(text), std::nullopt) << '"' << text << '"';
    }
    EXPECT_EQ(normalise_date("29/02/2000"), "2000-02-29");
}

TEST(Timestamps, UtcForms) {
    EXPECT_EQ(normalise_timestamp("2024-03-09T10:11:12Z"), "2024-03-09T10:11:12Z");
    EXPECT_EQ(normalise_timestamp("2024-03-09T10:11Z"), "2024-03-09T10:11:00Z");
    EXPECT_EQ(normalise_timestamp("2024-03-09T10:11:12.345Z"), "2024-03-09T10:11:12Z");
    EXPECT_EQ(normalise_timestamp("2024-03-09T10:11:12.999999Z"), "2024-03-09T10:11:12Z"); // dropped
    EXPECT_EQ(normalise_timestamp("2024-03-09 10:11:12Z"), "2024-03-09T10:11:12Z");
    EXPECT_EQ(normalise_timestamp("2024-03-09 10:11"), "2024-03-09T10:11:00Z"); // no zone: UTC
    EXPECT_EQ(normalise_timestamp("2024-03-09T10:11:12"), "2024-03-09T10:11:12Z");
    EXPECT_EQ(normalise_timestamp("2024-03-09"), "2024-03-09T00:00:00Z");
    EXPECT_EQ(normalise_timestamp("2024-03-09T23:59:59+00:00"), "2024-03-09T23:59:59Z");
}

TEST(Timestamps, OffsetsConvertToUtc) {
    EXPECT_EQ(normalise_timestamp("2024-06-01T10:00:00+01:00"), "2024-06-01T09:00:00Z");
    EXPECT_EQ(normalise_timestamp("2024-06-01T10:00:00-05:30"), "2024-06-01T15:30:00Z");
    EXPECT_EQ(normalise_timestamp("2024-06-01T10:00:00+0530"), "2024-06-01T04:30:00Z");
    EXPECT_EQ(normalise_timestamp("2024-06-01T10:00+02"), "2024-06-01T08:00:00Z");
    EXPECT_EQ(normalise_timestamp("2024-06-01 10:00:00.5-01:00"), "2024-06-01T11:00:00Z");
}

TEST(Timestamps, OffsetsRollOverDaysMonthsAndYears) {
    // Back across midnight, a month end and a year end.
    EXPECT_EQ(normalise_timestamp("2024-01-01T00:30:00+01:00"), "2023-12-31T23:30:00Z");
    EXPECT_EQ(normalise_timestamp("2024-03-01T01:00:00+02:00"), "2024-02-29T23:00:00Z"); // leap day
    EXPECT_EQ(normalise_timestamp("2023-03-01T01:00:00+02:00"), "2023-02-28T23:00:00Z");
    EXPECT_EQ(normalise_timestamp("2024-06-15T00:00:00+00:01"), "2024-06-14T23:59:00Z");
    // Forward across midnight, a month end and a year end.
    EXPECT_EQ(normalise_timestamp("2023-12-31T23:30:00-01:00"), "2024-01-01T00:30:00Z");
    EXPECT_EQ(normalise_timestamp("2024-04-30T20:00:00-05:00"), "2024-05-01T01:00:00Z");
    EXPECT_EQ(normalise_timestamp("2024-02-28T22:00-03:00"), "2024-02-29T01:00:00Z");
    EXPECT_EQ(normalise_timestamp("1999-12-31T23:59:59-00:01"), "2000-01-01T00:00:59Z");
}

TEST(Timestamps, EveryDayRollsBackToThePreviousDay) {
    // Walks the calendar independently of the library's day arithmetic.
    const auto days_in = [](int year, int month) {
        static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return month == 2 && leap ? 29 : days[month - 1];
    };
    char previous[48] = "1799-12-31";
    int checked = 0;
    for (int year = 1800; year <= 2400; ++year) {
        for (int month = 1; month <= 12; ++month) {
            for (int day = 1; day <= days_in(year, month); ++day) {
                char date[48];
                std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
                ASSERT_TRUE(is_valid_date(date)) << date;
                ASSERT_EQ(normalise_timestamp(std::string(date) + "T00:00:00+00:01"),
                          std::string(previous) + "T23:59:00Z");
                ASSERT_EQ(normalise_timestamp(std::string(previous) + "T23:59:00-00:01"),
                          std::string(date) + "T00:00:00Z");
                std::snprintf(previous, sizeof previous, "%s", date);
                ++checked;
            }
        }
    }
    EXPECT_EQ(checked, 219'511); // 601 years
}

TEST(Timestamps, DatesFarFromTheEpoch) {
    EXPECT_EQ(normalise_timestamp("1900-03-01T00:00:00+01:00"), "1900-02-28T23:00:00Z"); // not leap
    EXPECT_EQ(normalise_timestamp("1969-12-31T23:00:00-02:00"), "1970-01-01T01:00:00Z");
    EXPECT_EQ(normalise_timestamp("1970-01-01T00:00:00+00:01"), "1969-12-31T23:59:00Z");
    EXPECT_EQ(normalise_timestamp("0001-01-01T00:00:00Z"), "0001-01-01T00:00:00Z");
    EXPECT_EQ(normalise_timestamp("9999-12-31T23:59:59Z"), "9999-12-31T23:59:59Z");
    // Offsets may not push a time outside four-digit years.
    EXPECT_EQ(normalise_timestamp("0001-01-01T00:00:00+01:00"), std::nullopt);
    EXPECT_EQ(normalise_timestamp("9999-12-31T23:30:00-01:00"), std::nullopt);
}

TEST(Timestamps, RejectsMalformedOrOutOfRange) {
    for (const char* text :
         {"", "2024-03-09T", "2024-03-09T10", "2024-03-09T24:00:00Z", "2024-03-09T10:60:00Z",
          "2024-03-09T10:00:60Z", "2024-03-09T1:00:00Z", "2024-03-09T10:00:00.Z", "2024-02-30T10:00:00Z",
          "2024-13-01T00:00:00Z", "2024-03-09T10:00:00+24:00", "2024-03-09T10:00:00+01:60",
          "2024-03-09T10:00:00+1", "2024-03-09T10:00:00+01:0", "2024-03-09T10:00:00 Z",
          "2024-03-09T10:00:00ZZ", "2024-03-09X10:00:00Z", "09/03/2024 10:00", "2024-03-09T10:00:00UTC",
          "now"}) {
        EXPECT_EQ(normalise_timestamp(text), std::nullopt) << '"' << text << '"';
    }
}

TEST(Timestamps, CanonicalForm) {
    EXPECT_TRUE(is_canonical_timestamp("2024-03-09T10:11:12Z"));
    EXPECT_TRUE(is_canonical_timestamp("2024-02-29T23:59:59Z"));
    for (const char* text : {"2024-03-09T10:11Z", "2024-03-09 10:11:12Z", "2024-03-09T10:11:12",
                             "2024-03-09T10:11:12+00:00", "2024-03-09T10:11:12.0Z", "2023-02-29T10:11:12Z",
                             "2024-03-09T24:00:00Z", "2024-03-09T10:60:00Z", "2024-03-09T10:00:60Z",
                             "2024-03-09t10:11:12z", "2024-03-09T10:11:12Z ", ""}) {
        EXPECT_FALSE(is_canonical_timestamp(text)) << '"' << text << '"';
    }
}

TEST(Timestamps, UtcNowIsCanonicalAndCurrent) {
    const std::string before = utc_now();
    EXPECT_TRUE(is_canonical_timestamp(before)) << before;
    EXPECT_GE(before, std::string("2024-01-01T00:00:00Z"));
    EXPECT_LT(before, std::string("2200-01-01T00:00:00Z"));
    EXPECT_LE(before, utc_now()); // canonical timestamps order as text
}

// --- UUIDs -------------------------------------------------------------------------------

TEST(Uuid, FormatVersionAndVariant) {
    for (int i = 0; i < 1000; ++i) {
        const std::string id = new_uuid();
        ASSERT_TRUE(is_uuid(id)) << id;
        ASSERT_EQ(id[14], '4') << id; // version 4
        ASSERT_NE(std::string("89ab").find(id[19]), std::string::npos) << id; // variant 10xx
    }
}

TEST(Uuid, UniqueOverTenThousand) {
    std::set<std::string> seen;
    for (int i = 0; i < 10000; ++i) seen.insert(new_uuid());
    EXPECT_EQ(seen.size(), 10000u);
}

TEST(Uuid, ThreadsDoNotShareASequence) {
    std::vector<std::string> from_threads(4);
    std::vector<std::thread> threads;
    for (auto& slot : from_threads) threads.emplace_back([&slot] { slot = new_uuid(); });
    for (auto& thread : threads) thread.join();
    const std::set<std::string> distinct(from_threads.begin(), from_threads.end());
    EXPECT_EQ(distinct.size(), from_threads.size());
}

TEST(Uuid, BitsVaryAcrossEveryRandomPosition) {
    // Every hex digit except the fixed version digit should take several values.
    std::vector<std::set<char>> digits(36);
    for (int i = 0; i < 200; ++i) {
        const std::string id = new_uuid();
        for (std::size_t j = 0; j < id.size(); ++j) digits[j].insert(id[j]);
    }
    for (std::size_t j = 0; j < 36; ++j) {
        if (j == 8 || j == 13 || j == 18 || j == 23 || j == 14) {
            EXPECT_EQ(digits[j].size(), 1u) << j;
        } else if (j == 19) {
            EXPECT_EQ(digits[j].size(), 4u) << j; // 8, 9, a, b
        } else {
            EXPECT_GT(digits[j].size(), 8u) << j;
        }
    }
}

TEST(Uuid, IsUuid) {
    EXPECT_TRUE(is_uuid("0f8fad5b-d9cb-469f-a165-70867728950e"));
    EXPECT_TRUE(is_uuid("00000000-0000-0000-0000-000000000000"));
    EXPECT_FALSE(is_uuid("0F8FAD5B-D9CB-469F-A165-70867728950E")); // upper case
    EXPECT_FALSE(is_uuid("0f8fad5b-d9cb-469f-a165-70867728950"));
    EXPECT_FALSE(is_uuid("0f8fad5b-d9cb-469f-a165-70867728950e0"));
    EXPECT_FALSE(is_uuid("0f8fad5bd9cb-469f-a165-70867728950e-"));
    EXPECT_FALSE(is_uuid("0f8fad5b-d9cb-469f-a165_70867728950e"));
    EXPECT_FALSE(is_uuid("0f8fad5g-d9cb-469f-a165-70867728950e"));
    EXPECT_FALSE(is_uuid("{0f8fad5b-d9cb-469f-a165-70867728950e}"));
    EXPECT_FALSE(is_uuid(""));
}

// --- Paths -------------------------------------------------------------------------------

// Sets (or with nullptr unsets) an environment variable for one test, restoring it after.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        set(value);
    }
    ~ScopedEnv() { set(old_ ? old_->c_str() : nullptr); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    void set(const char* value) {
#if defined(_WIN32)
        _putenv_s(name_.c_str(), value ? value : "");
#else
        if (value)
            setenv(name_.c_str(), value, 1);
        else
            unsetenv(name_.c_str());
#endif
    }
    std::string name_;
    std::optional<std::string> old_;
};

TEST(Paths, ChorusDataDirWins) {
    const ScopedEnv chosen("CHORUS_DATA_DIR", "/srv/chorus-data");
    const ScopedEnv xdg("XDG_DATA_HOME", "/xdg/data");
    EXPECT_EQ(user_data_dir(), std::filesystem::path("/srv/chorus-data"));
    EXPECT_EQ(default_database_path(), std::filesystem::path("/srv/chorus-data") / "chorus.db");
}

TEST(Paths, EmptyChorusDataDirIsIgnored) {
    const ScopedEnv chosen("CHORUS_DATA_DIR", "");
    EXPECT_NE(user_data_dir(), std::filesystem::path());
    EXPECT_EQ(default_database_path().filename(), "chorus.db");
}

#if defined(__linux__)
TEST(Paths, XdgDataHome) {
    const ScopedEnv chosen("CHORUS_DATA_DIR", nullptr);
    const ScopedEnv xdg("XDG_DATA_HOME", "/xdg/data");
    EXPECT_EQ(user_data_dir(), std::filesystem::path("/xdg/data/chorus"));
    EXPECT_EQ(default_database_path(), std::filesystem::path("/xdg/data/chorus/chorus.db"));
}

TEST(Paths, HomeWhenNoXdgDataHome) {
    const ScopedEnv chosen("CHORUS_DATA_DIR", nullptr);
    const ScopedEnv xdg("XDG_DATA_HOME", nullptr);
    const ScopedEnv home("HOME", "/home/tester");
    EXPECT_EQ(user_data_dir(), std::filesystem::path("/home/tester/.local/share/chorus"));
}

TEST(Paths, RelativeXdgDataHomeIsIgnored) {
    const ScopedEnv chosen("CHORUS_DATA_DIR", nullptr);
    const ScopedEnv xdg("XDG_DATA_HOME", "relative/data");
    const ScopedEnv home("HOME", "/home/tester");
    EXPECT_EQ(user_data_dir(), std::filesystem::path("/home/tester/.local/share/chorus"));
}

TEST(Paths, NoHomeStillGivesAnAbsoluteFolder) {
    const ScopedEnv chosen("CHORUS_DATA_DIR", nullptr);
    const ScopedEnv xdg("XDG_DATA_HOME", nullptr);
    const ScopedEnv home("HOME", nullptr);
    const std::filesystem::path dir = user_data_dir();
    EXPECT_TRUE(dir.is_absolute()) << dir;
    EXPECT_TRUE(dir.filename() == "chorus" || dir.filename() == ".chorus") << dir;
}
#elif defined(__APPLE__)
TEST(Paths, ApplicationSupport) {
    const ScopedEnv chosen("CHORUS_DATA_DIR", nullptr);
    const ScopedEnv home("HOME", "/Users/tester");
    EXPECT_EQ(user_data_dir(), std::filesystem::path("/Users/tester/Library/Application Support/Chorus"));
}
#elif defined(_WIN32)
TEST(Paths, AppData) {
    const ScopedEnv chosen("CHORUS_DATA_DIR", nullptr);
    const ScopedEnv app_data("APPDATA", "C:\\Users\\tester\\AppData\\Roaming");
    EXPECT_EQ(user_data_dir(), std::filesystem::path("C:\\Users\\tester\\AppData\\Roaming") / "Chorus");
}
#endif


} // namespace
} // namespace chorus
