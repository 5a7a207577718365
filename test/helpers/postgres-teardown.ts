import { globalTeardown } from './postgres-server';

export default globalTeardown;
