import GRDB

/// The database schema, as ordered GRDB migrations. Tables are STRICT so SQLite itself refuses a
/// value of the wrong type. Personal fields never appear in clear: they live in `sealed` blobs
/// (AES-GCM under the person's key) and are found through keyed indexes.
enum Migrations {
    static let latestVersion = 1

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

                CREATE TABLE person_key (
                    subject TEXT PRIMARY KEY,      -- 'c:' customer id, 'l:' lead id
                    wrapped BLOB NOT NULL          -- AES-GCM of the 32-byte key under the wrapping key
                ) STRICT;

                CREATE TABLE customer (
                    id TEXT PRIMARY KEY,
                    sealed BLOB,                   -- PersonalFields, sealed with the person's key
                    email_index BLOB,              -- keyed hash of the normalised e-mail
                    identity_index BLOB,           -- keyed hash of normalised last name + postal code
                    phone_index BLOB,              -- keyed hash of the normalised phone number
                    country TEXT,
                    language TEXT,
                    created_at INTEGER,
                    updated_at INTEGER,
                    present_mask INTEGER NOT NULL DEFAULT 0,   -- bit per CustomerField that has a value
                    soft_invalid_mask INTEGER NOT NULL DEFAULT 0, -- bit per field that looks implausible
                    import_id INTEGER
                ) STRICT;
                CREATE INDEX customer_email ON customer(email_index);
                CREATE INDEX customer_identity ON customer(identity_index);

                CREATE TABLE product (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    category TEXT,
                    price_minor INTEGER,
                    currency TEXT,
                    for_sale INTEGER NOT NULL DEFAULT 1,
                    created_at INTEGER,
                    import_id INTEGER
                ) STRICT;

                CREATE TABLE order_line (
                    order_id TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    customer_id TEXT,              -- NULL once the customer is erased (anonymised)
                    product_id TEXT NOT NULL,
                    quantity REAL NOT NULL,
                    unit_price_minor INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    ordered_at INTEGER NOT NULL,   -- unix seconds, UTC
                    channel TEXT,
                    discount_minor INTEGER NOT NULL DEFAULT 0,
                    import_id INTEGER,
                    PRIMARY KEY (order_id, line)
                ) STRICT;
                CREATE INDEX order_line_customer ON order_line(customer_id);

                CREATE TABLE feedback (
                    id TEXT PRIMARY KEY,
                    customer_id TEXT,
                    product_id TEXT,
                    kind TEXT NOT NULL,
                    rating INTEGER,
                    sealed_text BLOB NOT NULL,     -- sealed with the customer's key, or the workspace key
                    language TEXT,
                    created_at INTEGER NOT NULL,
                    import_id INTEGER
                ) STRICT;
                CREATE INDEX feedback_customer ON feedback(customer_id);

                CREATE TABLE consent_event (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    customer_id TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    granted INTEGER NOT NULL,
                    at INTEGER NOT NULL,
                    source TEXT NOT NULL,
                    text_version TEXT NOT NULL,
                    recorded_at INTEGER NOT NULL,
                    import_id INTEGER,
                    UNIQUE (customer_id, purpose, at, granted)
                ) STRICT;

                CREATE TABLE lead (
                    id TEXT PRIMARY KEY,
                    company TEXT NOT NULL,
                    sealed_contact BLOB,           -- contact name and e-mail, sealed with the lead's key
                    source TEXT,
                    industry TEXT,
                    size INTEGER,
                    created_at INTEGER NOT NULL,
                    stage TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    emails_opened INTEGER NOT NULL DEFAULT 0,
                    visits INTEGER NOT NULL DEFAULT 0,
                    meetings INTEGER NOT NULL DEFAULT 0,
                    last_activity_at INTEGER,
                    stage_since INTEGER,
                    import_id INTEGER
                ) STRICT;

                CREATE TABLE import_run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    entity TEXT NOT NULL,
                    file_name TEXT NOT NULL,
                    format TEXT NOT NULL,
                    started_at INTEGER NOT NULL,
                    finished_at INTEGER,
                    rows_ok INTEGER NOT NULL DEFAULT 0,
                    rows_rejected INTEGER NOT NULL DEFAULT 0,
                    status TEXT NOT NULL           -- running, committed, rejected
                ) STRICT;

                CREATE TABLE audit_entry (
                    sequence INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    role TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT,
                    count INTEGER NOT NULL,
                    activity TEXT,
                    reason TEXT,
                    previous_hash BLOB NOT NULL,
                    hash BLOB NOT NULL
                ) STRICT;

                CREATE TABLE audit_checkpoint (
                    sequence INTEGER PRIMARY KEY,
                    hash BLOB NOT NULL,
                    at INTEGER NOT NULL,
                    signature BLOB NOT NULL
                ) STRICT;
                """)
        }
        return migrator
    }
}
