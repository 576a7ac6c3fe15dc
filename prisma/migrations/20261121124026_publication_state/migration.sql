-- CreateTable
CREATE TABLE "PublicationState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "serial" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "PublicationState_pkey" PRIMARY KEY ("id")
);

-- ---------------------------------------------------------------------------
-- Hand-written below this line (not generated from schema.prisma).
--
-- The row always exists, so publishing only ever updates it.
INSERT INTO "PublicationState" ("id", "serial") VALUES (1, 0) ON CONFLICT DO NOTHING;
