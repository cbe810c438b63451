// Runs drizzle-orm's own migrator (migrate() of its node-postgres or mysql2 driver) on
// one database, as the app would at start-up, and prints how many migrations it
// recorded: {"applied": N}. Exit 1 when the migrator throws (a migration failed).
//   node drizzle_migrate.mjs pg|mysql URL FOLDER
import pg from "pg";
import mysql from "mysql2/promise";
import { drizzle as pgDrizzle } from "drizzle-orm/node-postgres";
import { migrate as pgMigrate } from "drizzle-orm/node-postgres/migrator";
import { drizzle as mysqlDrizzle } from "drizzle-orm/mysql2";
import { migrate as mysqlMigrate } from "drizzle-orm/mysql2/migrator";

const [dialect, url, migrationsFolder] = process.argv.slice(2);

async function run(count, migrate) {
  const before = await count();
  try {
    await migrate();
  } catch (error) {
    console.log(JSON.stringify({ error: String(error?.message ?? error) }));
    return 1;
  }
  console.log(JSON.stringify({ applied: (await count()) - before }));
  return 0;
}

let status;
if (dialect === "pg") {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const count = async () =>
    (await client.query("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations")).rows[0].n;
  status = await run(count, () => pgMigrate(pgDrizzle(client), { migrationsFolder }));
  await client.end();
} else {
  const connection = await mysql.createConnection(url);
  const count = async () => (await connection.query("SELECT count(*) AS n FROM __drizzle_migrations"))[0][0].n;
  status = await run(count, () => mysqlMigrate(mysqlDrizzle(connection), { migrationsFolder }));
  await connection.end();
}
process.exit(status);
