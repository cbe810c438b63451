#include "support/json_differences.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace devenv::test {

std::string flattened_differences(const std::string& output) {
  // Progress lines on stderr may come first when the caller captured both streams.
  const std::size_t start = output.rfind("\n{\n") != std::string::npos ? output.find("\n{\n") + 1 : 0;
  const std::string json = output.substr(start);
  const Poco::JSON::Object::Ptr document = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
  const Poco::JSON::Array::Ptr differences = document->getArray("differences");
  std::string out = std::string("drift: ") + (document->getValue<bool>("drift") ? "true" : "false") + "\n";
  for (std::size_t i = 0; differences && i < differences->size(); ++i) {
    const Poco::JSON::Object::Ptr difference = differences->getObject(static_cast<unsigned>(i));
    std::string line;
    for (const char* key : {"database", "object", "kind", "name", "change", "expected", "actual"}) {
      std::ostringstream value;
      Poco::JSON::Stringifier::stringify(difference->getValue<std::string>(key), value);
      line += (line.empty() ? "\"" : ", \"") + std::string(key) + "\": " + value.str();
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace devenv::test
