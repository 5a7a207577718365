export { resolveEnvironment } from './resolve-environment';
export { resolveGroup } from './resolve-group';
export { resolveUser } from './resolve-user';
export { cleanQuery, fold, looksLikeGuid, MAX_CANDIDATES, nearest, type Resolution } from './resolution';
