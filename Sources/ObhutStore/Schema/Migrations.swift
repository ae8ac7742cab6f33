import GRDB

/// The database schema, as ordered GRDB migrations. Tables are STRICT so SQLite itself refuses a
/// value of the wrong type. Personal fields never appear in clear: they live in `sealed` blobs
/// (AES-GCM under the person's key) and are found through keyed indexes.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(
                sql: """
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
                    ) STRICT, WITHOUT ROWID;        -- one B-tree instead of table + key index: faster imports
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
        migrator.registerMigration("v2-privacy-kernel") { db in
            try db.execute(
                sql: """
                    -- Art. 18 restriction and Art. 21 objection; purpose NULL means every purpose.
                    CREATE TABLE person_restriction (
                        customer_id TEXT NOT NULL,
                        kind TEXT NOT NULL,            -- restrict, object
                        purpose TEXT,
                        at INTEGER NOT NULL,
                        UNIQUE (customer_id, kind, purpose)
                    ) STRICT;

                    -- One row per run of a processing activity, with its pre-flight report.
                    CREATE TABLE activity_run (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        activity TEXT NOT NULL,
                        purpose TEXT NOT NULL,
                        started_at INTEGER NOT NULL,
                        finished_at INTEGER,
                        status TEXT NOT NULL,          -- refused, running, completed, failed
                        preflight TEXT NOT NULL,       -- JSON pre-flight report
                        model_version TEXT,
                        people INTEGER NOT NULL DEFAULT 0,
                        summary TEXT                   -- JSON aggregate results (no personal data)
                    ) STRICT;

                    -- Per-person AI outputs with explanation and model version (invariant 5).
                    CREATE TABLE derived_result (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        run_id INTEGER NOT NULL,
                        activity TEXT NOT NULL,
                        purpose TEXT NOT NULL,
                        customer_id TEXT NOT NULL,
                        kind TEXT NOT NULL,            -- segment, rfm, clv, recommendation, ...
                        value TEXT NOT NULL,           -- JSON
                        explanation TEXT NOT NULL,     -- JSON Explanation
                        model_version TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        stale INTEGER NOT NULL DEFAULT 0
                    ) STRICT;
                    CREATE INDEX derived_result_customer ON derived_result(customer_id, activity);
                    CREATE INDEX derived_result_run ON derived_result(run_id);

                    -- Requests of data subjects (Art. 15-21), with their one-month deadline.
                    CREATE TABLE subject_request (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        subject TEXT NOT NULL,         -- keyed token of the customer id, survives erasure
                        kind TEXT NOT NULL,            -- access, rectification, erasure, restriction, objection
                        detail TEXT,                   -- field or purpose concerned, never a value
                        received_at INTEGER NOT NULL,
                        deadline INTEGER NOT NULL,
                        completed_at INTEGER,
                        status TEXT NOT NULL           -- open, completed
                    ) STRICT;

                    -- Who was erased and when, by keyed token: a restore replays it.
                    CREATE TABLE erasure_log (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        subject TEXT NOT NULL UNIQUE,
                        erased_at INTEGER NOT NULL
                    ) STRICT;

                    -- A lead's contact objected (Art. 21): never scored again.
                    ALTER TABLE lead ADD COLUMN objected INTEGER NOT NULL DEFAULT 0;

                    -- Merges of duplicate people, undoable until confirmed.
                    CREATE TABLE pending_merge (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        keep_id TEXT NOT NULL,
                        other_id TEXT NOT NULL,
                        snapshot BLOB NOT NULL,        -- sealed JSON of what moved, to undo
                        created_at INTEGER NOT NULL,
                        confirmed_at INTEGER
                    ) STRICT;
                    """)
        }
        migrator.registerMigration("v3-customer-alias") { db in
            try db.execute(
                sql: """
                    -- Another system's id for a person already known (matched by e-mail on import, or
                    -- merged): later rows under the alias land on the person.
                    CREATE TABLE customer_alias (
                        alias TEXT PRIMARY KEY,
                        customer_id TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX customer_alias_customer ON customer_alias(customer_id);
                    """)
        }
        migrator.registerMigration("v4-integer-references") { db in try IntegerReferences.migrate(db) }
        migrator.registerMigration("v4-lead-scores") { db in
            try db.execute(
                sql: """
                    -- The latest score of every open lead that has not objected, with its explanation.
                    CREATE TABLE lead_score (
                        lead_id TEXT PRIMARY KEY,
                        run_id INTEGER NOT NULL,
                        probability REAL NOT NULL,
                        explanation TEXT NOT NULL,     -- JSON Explanation
                        model_version TEXT NOT NULL,
                        created_at INTEGER NOT NULL
                    ) STRICT;
                    -- A lead owner's correction of a score, or a mark that it is wrong (Art. 22: a
                    -- person decides). Kept for the next training; never holds contact data.
                    CREATE TABLE lead_feedback (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        lead_id TEXT NOT NULL,
                        run_id INTEGER,
                        kind TEXT NOT NULL,            -- correction, wrong
                        scored REAL,                   -- the score that was corrected
                        corrected REAL,                -- the owner's estimate (0-1), if given
                        reason TEXT NOT NULL,
                        by TEXT NOT NULL,
                        at INTEGER NOT NULL
                    ) STRICT;
                    CREATE INDEX lead_feedback_lead ON lead_feedback(lead_id, id);
                    """)
        }
        migrator.registerMigration("v5-breach-cases") { db in
            try db.execute(
                sql: """
                    -- Breaches under investigation (Art. 33, 34): the audit log's findings for a window and the 72-hour clock.
                    CREATE TABLE breach_case (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        opened_at INTEGER NOT NULL,
                        deadline INTEGER NOT NULL,
                        window_from INTEGER NOT NULL,
                        window_to INTEGER NOT NULL,
                        actor TEXT,
                        status TEXT NOT NULL,          -- open, closed
                        findings TEXT NOT NULL,        -- JSON, counts and categories only
                        subjects TEXT NOT NULL,        -- keyed tokens of the people named individually, one per line
                        closed_at INTEGER,
                        closing_note TEXT
                    ) STRICT;
                    """)
        }
        migrator.registerMigration("v6-accounts") { db in
            try db.execute(
                sql: """
                    -- People who sign in to the server, with one role each (least privilege). The
                    -- password is a bcrypt hash; failed sign-ins lock the account for a while.
                    CREATE TABLE app_user (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        name TEXT NOT NULL UNIQUE,
                        role TEXT NOT NULL,
                        password_hash TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        disabled INTEGER NOT NULL DEFAULT 0,
                        failed_logins INTEGER NOT NULL DEFAULT 0,
                        locked_until INTEGER
                    ) STRICT;
                    -- API tokens: shown once, stored as SHA-256 only, limited to a role no higher than their user's.
                    CREATE TABLE api_token (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
                        label TEXT NOT NULL,
                        token_hash TEXT NOT NULL UNIQUE,
                        role TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        last_used_at INTEGER,
                        revoked_at INTEGER
                    ) STRICT;
                    -- Browser sessions: the cookie's value is never stored, only its SHA-256, so a
                    -- stolen database file does not sign anyone in. Kept in the database so that a
                    -- restart of the server does not sign everyone out.
                    CREATE TABLE web_session (
                        id_hash TEXT PRIMARY KEY,
                        user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
                        csrf TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL
                    ) STRICT;
                    -- Alerts when one user reads more people per hour than the threshold.
                    CREATE TABLE access_alert (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        user_name TEXT NOT NULL,
                        role TEXT NOT NULL,
                        people INTEGER NOT NULL,
                        window_start INTEGER NOT NULL,
                        raised_at INTEGER NOT NULL,
                        acknowledged_at INTEGER
                    ) STRICT;
                    -- One person's audit trail (export, breach) without reading the whole log.
                    CREATE INDEX audit_entry_subject ON audit_entry(subject) WHERE subject IS NOT NULL;
                    """)
        }
        migrator.registerMigration("v7-order-line-columns") { db in try OrderLineColumnsSchema.migrate(db) }
        migrator.registerMigration("v8-order-line-columns-channel") { db in try OrderLineColumnsSchema.migrateChannel(db) }
        // Person keys in one B-tree ordered by subject (WITHOUT ROWID): a key look-up is one
        // search instead of a search of the subject index and then of the table (sqlite3's read of
        // the feedback texts of a million customers with their keys: 0.33-0.37 s, was 0.37-0.51 s). The old
        // table's pages are zeroed as they are freed (`secure_delete`).
        migrator.registerMigration("v9-person-key-by-subject") { db in
            try db.execute(
                sql: """
                    CREATE TABLE person_key_by_subject (
                        subject TEXT PRIMARY KEY,      -- 'c:' customer id, 'l:' lead id
                        wrapped BLOB NOT NULL          -- AES-GCM of the 32-byte key under the wrapping key
                    ) STRICT, WITHOUT ROWID;
                    INSERT INTO person_key_by_subject (subject, wrapped) SELECT subject, wrapped FROM person_key ORDER BY subject;
                    DROP TABLE person_key;
                    ALTER TABLE person_key_by_subject RENAME TO person_key;
                    """)
        }
        // One person's audit entries through an index built a block of entries at a time, in key
        // order, instead of an index on `audit_entry(subject)` that each audited read updated at a
        // random leaf (see `AuditSubjectIndex`).
        migrator.registerMigration("v10-audit-subject-blocks") { db in
            try db.execute(
                sql: """
                    CREATE TABLE audit_subject (
                        block INTEGER NOT NULL,        -- (sequence - 1) / 8192
                        subject TEXT NOT NULL,         -- keyed person token, as in audit_entry
                        sequence INTEGER NOT NULL,
                        PRIMARY KEY (block, subject, sequence)
                    ) STRICT, WITHOUT ROWID;
                    """)
            try AuditSubjectIndex.build(db)
            try db.execute(sql: "DROP INDEX audit_entry_subject")
        }
        return migrator
    }
}
