export { resolveEnvironment } from './resolve-environment';
export { resolveGroup } from './resolve-group';
export { resolveUser } from './resolve-user';
export { fold, MAX_CANDIDATES, nearest, unquote, type Resolution } from './resolution';
export { resolveSubject, type SubjectResolution } from './resolve-subject';
