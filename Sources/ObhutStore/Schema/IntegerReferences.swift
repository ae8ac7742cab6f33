import GRDB

/// Migration v4: order lines name their customer and product by a compact integer key, and the
/// current consent state is kept beside the ledger.
///
/// Why: with 1M customers a scope read 4.9M order lines whose customer and product ids were TEXT,
/// hashed every id in Swift, and recomputed every person's consent from the whole ledger per
/// run (BENCHMARKS.md, privacy kernel). Now
/// - `customer.ref` and `product.ref` are `INTEGER PRIMARY KEY AUTOINCREMENT`: stable (an alias of
///   the rowid, so VACUUM keeps it) and never reused, so a number once held by an erased person
///   can never point at someone else;
/// - `order_line.customer_ref` / `product_ref` hold those numbers: shorter rows and index keys, and
///   a scope maps a line to its person through an array instead of a hash table. Erasure sets
///   `customer_ref` to NULL (the line keeps amounts and product, not the person), as before with
///   the TEXT id;
/// - `consent_state` holds the latest event per purpose and person, maintained by triggers on
///   the ledger, so every path that appends or deletes events (import, consent command, merge,
///   erasure, retention, restore) keeps it right without knowing about it. Ties are broken as
///   before: later `at`, then later `seq`.
///
/// An existing workspace is converted in place: refs are numbered in id order, lines keep every
/// value, and the consent state is computed once from the ledger.
enum IntegerReferences {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE customer_v4 (
                    ref INTEGER PRIMARY KEY AUTOINCREMENT, -- compact key order lines point at; never reused
                    id TEXT NOT NULL UNIQUE,
                    sealed BLOB,                   -- PersonalFields, sealed with the person's key
                    email_index BLOB,              -- keyed hash of the normalised e-mail
                    identity_index BLOB,           -- keyed hash of normalised last name + postal code
                    phone_index BLOB,              -- keyed hash of the normalised phone number
                    country TEXT,
                    language TEXT,
                    created_at INTEGER,
                    updated_at INTEGER,
                    present_mask INTEGER NOT NULL DEFAULT 0,
                    soft_invalid_mask INTEGER NOT NULL DEFAULT 0,
                    import_id INTEGER
                ) STRICT;
                INSERT INTO customer_v4 (id, sealed, email_index, identity_index, phone_index, country, language, created_at,
                    updated_at, present_mask, soft_invalid_mask, import_id)
                SELECT id, sealed, email_index, identity_index, phone_index, country, language, created_at,
                    updated_at, present_mask, soft_invalid_mask, import_id FROM customer ORDER BY id;

                CREATE TABLE product_v4 (
                    ref INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    category TEXT,
                    price_minor INTEGER,
                    currency TEXT,
                    for_sale INTEGER NOT NULL DEFAULT 1,
                    created_at INTEGER,
                    import_id INTEGER
                ) STRICT;
                INSERT INTO product_v4 (id, name, category, price_minor, currency, for_sale, created_at, import_id)
                SELECT id, name, category, price_minor, currency, for_sale, created_at, import_id FROM product ORDER BY id;

                CREATE TABLE order_line_v4 (
                    order_id TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    customer_ref INTEGER,          -- customer.ref; NULL once the customer is erased (anonymised)
                    product_ref INTEGER NOT NULL,  -- product.ref
                    quantity REAL NOT NULL,
                    unit_price_minor INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    ordered_at INTEGER NOT NULL,   -- unix seconds, UTC
                    channel TEXT,
                    discount_minor INTEGER NOT NULL DEFAULT 0,
                    import_id INTEGER,
                    PRIMARY KEY (order_id, line)
                ) STRICT, WITHOUT ROWID;
                INSERT INTO order_line_v4 (order_id, line, customer_ref, product_ref, quantity, unit_price_minor, currency,
                    ordered_at, channel, discount_minor, import_id)
                SELECT o.order_id, o.line, c.ref, p.ref, o.quantity, o.unit_price_minor, o.currency,
                    o.ordered_at, o.channel, o.discount_minor, o.import_id
                FROM order_line o LEFT JOIN customer_v4 c ON c.id = o.customer_id JOIN product_v4 p ON p.id = o.product_id
                ORDER BY o.order_id, o.line;

                DROP TABLE order_line;
                DROP TABLE customer;
                DROP TABLE product;
                ALTER TABLE customer_v4 RENAME TO customer;
                ALTER TABLE product_v4 RENAME TO product;
                ALTER TABLE order_line_v4 RENAME TO order_line;
                CREATE INDEX customer_email ON customer(email_index);
                CREATE INDEX customer_identity ON customer(identity_index);
                CREATE INDEX order_line_customer ON order_line(customer_ref);

                -- The latest consent event per purpose and person (the ledger stays the record).
                CREATE TABLE consent_state (
                    purpose TEXT NOT NULL,
                    customer_ref INTEGER NOT NULL,
                    granted INTEGER NOT NULL,
                    at INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    PRIMARY KEY (purpose, customer_ref)
                ) STRICT, WITHOUT ROWID;
                INSERT INTO consent_state (purpose, customer_ref, granted, at, seq)
                SELECT purpose, ref, granted, at, seq FROM (
                    SELECT e.purpose, c.ref, e.granted, e.at, e.seq,
                        row_number() OVER (PARTITION BY e.customer_id, e.purpose ORDER BY e.at DESC, e.seq DESC) AS rn
                    FROM consent_event e JOIN customer c ON c.id = e.customer_id)
                WHERE rn = 1;

                -- A new event replaces the state when it is later (time, then ledger order).
                CREATE TRIGGER consent_state_after_insert AFTER INSERT ON consent_event
                BEGIN
                    INSERT INTO consent_state (purpose, customer_ref, granted, at, seq)
                    SELECT NEW.purpose, c.ref, NEW.granted, NEW.at, NEW.seq FROM customer c WHERE c.id = NEW.customer_id
                    ON CONFLICT (purpose, customer_ref) DO UPDATE SET granted = excluded.granted, at = excluded.at, seq = excluded.seq
                    WHERE excluded.at > consent_state.at OR (excluded.at = consent_state.at AND excluded.seq > consent_state.seq);
                END;

                -- A deleted event (erasure, merge, undo): the latest remaining event of that purpose decides,
                -- or there is no state. Erasure deletes the events while the customer row still exists.
                CREATE TRIGGER consent_state_after_delete AFTER DELETE ON consent_event
                BEGIN
                    DELETE FROM consent_state
                    WHERE purpose = OLD.purpose AND customer_ref = (SELECT ref FROM customer WHERE id = OLD.customer_id);
                    INSERT INTO consent_state (purpose, customer_ref, granted, at, seq)
                    SELECT e.purpose, c.ref, e.granted, e.at, e.seq
                    FROM consent_event e JOIN customer c ON c.id = e.customer_id
                    WHERE e.customer_id = OLD.customer_id AND e.purpose = OLD.purpose
                    ORDER BY e.at DESC, e.seq DESC LIMIT 1;
                END;
                """)
    }
}
