#include <catch2/catch.hpp>

#include "catalog/postgres_normalise.h"

using devenv::catalog::postgres::array_casts;

TEST_CASE("PostgreSQL: a varchar IN list prints alike before and after it is run again", "[unit][verify]") {
  const std::string first =
      "CHECK (status::text = ANY (ARRAY['pending'::character varying, 'paid'::character varying]::text[]))";
  const std::string again =
      "CHECK (status::text = ANY (ARRAY['pending'::character varying::text, 'paid'::character varying::text]))";
  CHECK(array_casts(again) == first);
  CHECK(array_casts(first) == first);
  // pg_get_indexdef's spelling, with parentheses.
  CHECK(array_casts("WHERE ((status)::text = ANY (ARRAY[('pending'::character varying)::text, ('paid'::character "
                    "varying)::text]))") ==
        "WHERE ((status)::text = ANY ((ARRAY['pending'::character varying, 'paid'::character varying])::text[]))");
  // Quotes, commas and brackets inside the literals stay as they are.
  CHECK(array_casts("ARRAY['a, ]b'::character varying::text, 'it''s'::character varying::text]") ==
        "ARRAY['a, ]b'::character varying, 'it''s'::character varying]::text[]");
  // An array with anything else in it is left alone.
  const std::string mixed = "ARRAY['a'::character varying::text, lower(x)]";
  CHECK(array_casts(mixed) == mixed);
  CHECK(array_casts("ARRAY['a'::character varying::text") == "ARRAY['a'::character varying::text");
}
