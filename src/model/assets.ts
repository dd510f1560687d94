/** Manifest of the binary files the build made (EPUBs, covers), keyed by URL path. */
export type AssetManifest = Record<string, { type: string; size: number; etag: string }>;
