#pragma once
// Complaints and compliments in the JSON export and back (internal): what an anonymised
// export leaves out of them, and reading them with every problem named by its JSON path.
#include "chorus/complaints.hpp"
#include "chorus/instrument_json.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace chorus::exporting {

// The case reference and who recorded it only when identifiable; the free text (points,
// reasons for extensions, learning actions, compliment summaries) when identifiable or
// free text was chosen.
nlohmann::ordered_json complaint_json(const Complaint& complaint, bool identifiable, bool free_text);
nlohmann::ordered_json compliment_json(const Compliment& compliment, bool identifiable, bool free_text);

std::optional<Complaint> read_complaint(const nlohmann::json& item, const std::string& source, const std::string& path,
                                        std::vector<DefinitionProblem>& problems);
std::optional<Compliment> read_compliment(const nlohmann::json& item, const std::string& source,
                                          const std::string& path, std::vector<DefinitionProblem>& problems);

} // namespace chorus::exporting
