-- The province's own plans (KẾ HOẠCH …/KH-UBND of the province), kept as the uploaded file:
-- communes start their plan from one ("Thực hiện Kế hoạch số … của UBND tỉnh").
CREATE TABLE province_plans (
    id INTEGER PRIMARY KEY,
    province_id INTEGER NOT NULL REFERENCES provinces (id),
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    doc_number TEXT,
    filename TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL,
    CONSTRAINT province_plans_year_check CHECK (year BETWEEN 2000 AND 2100)
);
CREATE INDEX province_plans_province_idx ON province_plans (province_id, year);
