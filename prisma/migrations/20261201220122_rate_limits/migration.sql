-- CreateTable
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- ---------------------------------------------------------------------------
-- Hand-written below this line (not generated from schema.prisma).
--
-- Rate-limit counters live for seconds to minutes and are rewritten on every counted request:
-- an UNLOGGED table skips the write-ahead log (about twice the write rate: docs/rate-limits.md). The price is
-- honest and small: after a crash of the database server, or on a replica promoted by failover,
-- the table is empty and every limit starts again from zero.
ALTER TABLE "rate_limits" SET UNLOGGED;
