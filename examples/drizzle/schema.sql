-- The Go side's copy of the shop schema, kept by hand. `devenv diff schema.sql
-- drizzle/` in CI says when it drifts from the Drizzle migrations.
CREATE TABLE products (
  id          serial PRIMARY KEY,
  sku         varchar(64) NOT NULL CONSTRAINT products_sku_unique UNIQUE,
  name        text NOT NULL,
  price_cents integer NOT NULL
);

CREATE TABLE orders (
  id             serial PRIMARY KEY,
  customer_email text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  status         varchar(16) NOT NULL DEFAULT 'open'
);
CREATE INDEX orders_customer_email_idx ON orders (customer_email);

CREATE TABLE order_lines (
  order_id   integer NOT NULL,
  product_id integer NOT NULL,
  quantity   integer NOT NULL DEFAULT 1,
  CONSTRAINT order_lines_order_id_product_id_pk PRIMARY KEY (order_id, product_id),
  CONSTRAINT order_lines_order_id_orders_id_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT order_lines_product_id_products_id_fk FOREIGN KEY (product_id) REFERENCES products (id)
);
