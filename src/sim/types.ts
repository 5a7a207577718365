import type { TenantFixture } from './model';

/**
 * The seam between the simulator's HTTP core (server.ts: prefixes, tokens, latency, throttling,
 * faults, stats) and its three API surfaces (graph/, bap/, dataverse/). A surface handler gets an
 * already authenticated request and returns a plain response; it never touches sockets.
 */
export type Surface = 'graph' | 'bap' | 'powerApps' | 'dataverse' | 'token' | 'control';

export interface TokenClaims {
  /** Audience the token was issued for: https://graph.microsoft.com, https://service.powerapps.com/, or an instance origin. */
  aud: string;
  appId: string;
  tenantId: string;
  /** The token's `roles` claim: application permissions granted on the token's resource (Graph only); absent = none. */
  roles?: readonly string[];
}

export interface SimRequest {
  method: string;
  /** Path below the surface prefix, e.g. `/v1.0/users/abc` for Graph, `/api/data/v9.2/systemusers` for Dataverse. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined. Malformed JSON never reaches a handler (the core answers 400). */
  body: unknown;
  token: TokenClaims;
  /** For Dataverse: the org segment of /dataverse/{org}/… */
  org?: string;
  /** The body as sent, for the one request that is not JSON: a Dataverse `$batch` (multipart/mixed, §10). */
  rawBody?: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Knobs that can change at runtime through POST /_sim/config. */
export interface SurfaceLimits {
  latencyMs: number;
  jitterMs: number;
  /** Max requests in flight; beyond it: 429 with Retry-After. 0 = unlimited. */
  maxConcurrent: number;
  /** Requests per second budget (token bucket); 0 = unlimited. */
  requestsPerSecond: number;
  /** Probability 0..1 of a random 429 / 503. */
  random429Rate: number;
  random503Rate: number;
  /** Seconds put in Retry-After. */
  retryAfterSeconds: number;
}

export interface SimConfig {
  graph: SurfaceLimits;
  bap: SurfaceLimits;
  /** The Power Apps admin API (canvas apps, §15). */
  powerApps: SurfaceLimits;
  dataverse: SurfaceLimits;
  /** Delay before a successful addUser makes the systemuser row visible (eventual consistency). */
  provisioningDelayMs: number;
  /**
   * Delay before group-based licensing reaches a group's members (after `POST /groups/{id}/assignLicense` or a
   * membership change of a licensing group; Entra: "shortly after"). Default 0: the next tick.
   */
  groupLicensingDelayMs: number;
  /** UNVERIFIED behaviours, configurable (documented in docs/simulated-tenant.md). */
  unverified: {
    /** Does on-demand addUser accept a member reached only through a nested group? Default false. */
    nestedGroupMembershipCounts: boolean;
    /** Status for addUser against an environment without Dataverse. Default 400. */
    noDataverseStatus: 400 | 404;
    /** Body of a successful addUser: 'empty' or the errors/information JSON. Default 'empty'. */
    addUserSuccessBody: 'empty' | 'information';
    /** Do trial/viral/developer plans count as a licence for Production environments? Default true. */
    trialPlansCountInProduction: boolean;
    /** Does addUser refuse environments in administration mode? Default false (absent = false). */
    adminModeBlocksAddUser?: boolean;
    /** Does addUser refuse everyone but the creator of a Developer environment (§1.4 "only the creator")? Default true (absent = true). */
    developerCreatorOnly?: boolean;
    /** Do members of a nested group get the group team of the outer group at provisioning (§3.5 is silent)? Default false (absent = false). */
    groupTeamNestedMembershipCounts?: boolean;
    /** Page size of the BAP environment list before a `nextLink` appears. Default 50 (absent = 50). */
    bapEnvironmentsPageSize?: number;
    /** Days a deleted user stays in Graph's deleted items before the purge removes it (§13: "up to 30 days"). Default 30 (absent = 30). */
    deletedUserRetentionDays?: number;
    /** Does Graph show a deleted user's UPN with its object id (no hyphens) in front (§13: "may be altered")? Default true (absent = true). */
    deletedUserUpnPrefixed?: boolean;
    /** Do a Dataverse collection query's expanded collections come back empty, with only their `<property>@odata.nextLink`? Default false (absent = false). */
    expandedCollectionsLinkOnly?: boolean;
    /** Status for a BAP or Dataverse POST whose JSON body is not sent as `application/json`. Default 415 (absent = 415). */
    jsonContentTypeStatus?: 400 | 415;
    /**
     * Associating a role a user or team already holds (§9.1): 'ignore' answers 204 and changes nothing;
     * 'duplicate' answers 400 0x80040237 "Cannot insert duplicate key." Default 'ignore' (absent = 'ignore').
     */
    reassociateExistingRole?: 'ignore' | 'duplicate';
    /**
     * Does `$expand=permissions($filter=maxAssignedTo('{id}'))` count roles a user holds through groups
     * (transitively) and a share with the whole tenant, not only direct ones (§15 is silent)? Default true.
     */
    maxAssignedToCountsGroups?: boolean;
    /** Largest page of the Power Apps app list and permission lists before a `nextLink` (§15: PowerShell asks for 250). Default 250. */
    powerAppsPageSize?: number;
  };
  /** The api-versions BAP accepts (§1.2, §2.1: those seen in use); any other value → 400 InvalidApiVersionParameter. */
  bapApiVersions: string[];
  /** Leeway for a token's `nbf` (Microsoft.IdentityModel's TokenValidationParameters.DefaultClockSkew is 300 s). */
  tokenClockSkewSeconds: number;
  /** Seed for jitter and random faults, so runs are repeatable. */
  seed: number;
}

export interface SimContext {
  readonly state: TenantState;
  readonly config: SimConfig;
  /** Origin of this simulator, e.g. http://127.0.0.1:4010 (used to build nextLinks and instance URLs). */
  readonly origin: string;
  now(): number;
  /** Run later (provisioning delay); cancelled on reset/close. */
  schedule(delayMs: number, fn: () => void): void;
}

export type SurfaceHandler = (req: SimRequest, ctx: SimContext) => SimResponse | Promise<SimResponse>;

/**
 * The mutable tenant: the fixture after generators are expanded, plus indexes. Handlers mutate
 * `fixture` (e.g. add a group member, create a systemuser) and keep the indexes in step through
 * the helpers in state.ts.
 */
export interface TenantState {
  readonly fixture: TenantFixture;
  readonly usersById: Map<string, TenantFixture['users'][number]>;
  readonly usersByUpn: Map<string, TenantFixture['users'][number]>;
  readonly groupsById: Map<string, TenantFixture['groups'][number]>;
  readonly environmentsById: Map<string, TenantFixture['environments'][number]>;
  /** Environment by its Dataverse org segment. */
  readonly environmentsByOrg: Map<string, TenantFixture['environments'][number]>;
}
