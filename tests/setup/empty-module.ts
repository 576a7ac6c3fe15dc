// Stands in for `server-only`, whose real entry throws outside React's server build.
export {};
