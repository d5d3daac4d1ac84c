-- Search keys name each business's place as well as its grams (see Place in
-- internal/registry/searchgrams.go): "61:区3", "61:站120", "61:格4521" beside "61:火锅", so
-- that a search inside a district, a station or a grid reads only the matches there. The
-- bucket is the 14-bit shift of 0011.
UPDATE business_grams g SET grams = g.grams
    || ARRAY[(g.rowid >> 14) || ':区' || b.district_id, (g.rowid >> 14) || ':站' || b.station_id]
    || CASE WHEN b.grid_id IS NULL THEN '{}'::text[] ELSE ARRAY[(g.rowid >> 14) || ':格' || b.grid_id] END
FROM businesses b WHERE b.id = g.rowid;

-- The update rewrote every row and left the index twice its size; build it afresh.
REINDEX INDEX business_grams_gin;
