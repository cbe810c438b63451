ALTER TABLE "orders" ADD COLUMN "status" varchar(16) DEFAULT 'open' NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "orders_customer_email_idx" ON "orders" USING btree ("customer_email");
