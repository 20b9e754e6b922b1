#pragma once
// Reads the bank holiday data file (data/bank-holidays-england-and-wales.txt).
#include <string>
#include <string_view>
#include <vector>

namespace chorus::complaints {

struct BankHoliday {
    std::string date; // "YYYY-MM-DD"
    std::string name; // e.g. "Easter Monday"
};

// Lines "YYYY-MM-DD name", '#' comments and blank lines. Throws chorus::Error naming the
// file and line when a date is not a real weekday date, a name is missing, or the dates
// do not ascend.
std::vector<BankHoliday> parse_bank_holidays(std::string_view text, std::string_view file_name);

} // namespace chorus::complaints
