-- Search grams keyed by the bucket of their business's id (see bucketKeys in
-- internal/registry/searchgrams.go, whose bucketBits is the 14 below): business 1,000,000's
-- "东城" is stored as "61:东城". Each bucket then has its own short posting list, and a
-- search walks the buckets newest first instead of reading every match of a common gram.
UPDATE business_grams SET grams = ARRAY(SELECT (rowid >> 14) || ':' || g FROM unnest(grams) AS g);

-- Searches no longer lean on per-gram statistics (each bucket probe is planned once, as a
-- GIN lookup), and a large statistics target made every plan and ANALYZE slow.
ALTER TABLE business_grams ALTER COLUMN grams SET STATISTICS -1;

-- The update rewrote every row and left the index twice its size; build it afresh.
REINDEX INDEX business_grams_gin;
