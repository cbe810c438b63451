// Runs drizzle-orm's own SQLite migrator (migrate() of its sql-js driver: SQLite as
// WebAssembly, nothing to compile) on a database file, as the app would at start-up,
// writes the file back and prints how many migrations it recorded: {"applied": N}.
// A missing FILE starts empty, so the test can compare with what drizzle makes itself.
// Exit 1 when the migrator throws (a migration failed).
//   node drizzle_sqlite_migrate.mjs FILE FOLDER
import fs from "node:fs";
import initSqlJs from "sql.js";
import { drizzle } from "drizzle-orm/sql-js";
import { migrate } from "drizzle-orm/sql-js/migrator";

const [file, migrationsFolder] = process.argv.slice(2);
const SQL = await initSqlJs();
const database = fs.existsSync(file) ? new SQL.Database(fs.readFileSync(file)) : new SQL.Database();

function count() {
  const exists = database.exec("SELECT 1 FROM sqlite_master WHERE name = '__drizzle_migrations'");
  return exists.length ? database.exec("SELECT count(*) FROM __drizzle_migrations")[0].values[0][0] : 0;
}

const before = count();
try {
  migrate(drizzle(database), { migrationsFolder });
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.message ?? error) }));
  process.exit(1);
}
fs.writeFileSync(file, Buffer.from(database.export()));
console.log(JSON.stringify({ applied: count() - before }));
