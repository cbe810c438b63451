#include "runtime/snapshot_manifest.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "util/runtime_error.h"

namespace devenv::runtime {

namespace {

constexpr int kFormat = 1;  // bumped when a devenv could no longer read older manifests

Poco::JSON::Object database_json(const SnapshotDatabase& database) {
  Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
  item.set("key", database.key);
  item.set("server", database.server);
  item.set("engine", database.engine);
  item.set("database", database.database);
  item.set("schema_fingerprint", database.schema_fingerprint);
  item.set("file", database.file);
  item.set("bytes", static_cast<Poco::UInt64>(database.bytes));
  item.set("creation", database.creation);
  return item;
}

SnapshotDatabase database_from(const Poco::JSON::Object::Ptr& item) {
  SnapshotDatabase database;
  database.key = item->getValue<std::string>("key");
  database.server = item->getValue<std::string>("server");
  database.engine = item->getValue<std::string>("engine");
  database.database = item->getValue<std::string>("database");
  database.schema_fingerprint = item->getValue<std::string>("schema_fingerprint");
  database.file = item->getValue<std::string>("file");
  database.bytes = item->getValue<Poco::UInt64>("bytes");
  database.creation = item->optValue<std::string>("creation", "");
  return database;
}

}  // namespace

std::string SnapshotManifest::to_json() const {
  Poco::JSON::Object document(Poco::JSON_PRESERVE_KEY_ORDER);
  document.set("format", kFormat);
  document.set("name", name);
  document.set("created", static_cast<Poco::Int64>(created));
  Poco::JSON::Array list;
  for (const SnapshotDatabase& database : databases) list.add(database_json(database));
  document.set("databases", list);
  std::ostringstream out;
  document.stringify(out, 2);
  out << "\n";
  return out.str();
}

SnapshotManifest SnapshotManifest::from_json(const std::string& text, const std::string& where) {
  try {
    Poco::JSON::Parser parser;
    const auto document = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
    if (document->getValue<int>("format") != kFormat) {
      throw util::RuntimeError(where + " was written by another devenv version (format " +
                               document->getValue<std::string>("format") + ")");
    }
    SnapshotManifest manifest;
    manifest.name = document->getValue<std::string>("name");
    manifest.created = document->getValue<Poco::Int64>("created");
    const Poco::JSON::Array::Ptr list = document->getArray("databases");
    if (!list) throw Poco::Exception("no \"databases\"");
    for (std::size_t i = 0; i < list->size(); ++i) manifest.databases.push_back(database_from(list->getObject(i)));
    return manifest;
  } catch (const util::RuntimeError&) {
    throw;
  } catch (const Poco::Exception& e) {
    throw util::RuntimeError(where + " is not a snapshot manifest: " + e.displayText());
  } catch (const std::exception& e) {  // a missing key or a value of another type
    throw util::RuntimeError(where + " is not a snapshot manifest: " + e.what());
  }
}

}  // namespace devenv::runtime
