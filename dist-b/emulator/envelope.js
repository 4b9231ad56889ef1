export function ok(body) {
    return { status: 200, body };
}
export function errorResult(status, error, exception, description) {
    return {
        status,
        body: {
            error,
            timestamp: Date.now(),
            duration: 0,
            exception,
            error_description: description,
        },
    };
}
const usergrid = 'org.apache.usergrid';
export function resourceNotFound() {
    return errorResult(404, 'service_resource_not_found', `${usergrid}.services.exceptions.ServiceResourceNotFoundException`, 'Service resource not found');
}
/** Easemob「用户体系集成」: no token, or a token without admin rights. */
export function unauthorized(permission) {
    return errorResult(401, 'unauthorized', 'org.apache.shiro.authz.UnauthorizedException', `Subject does not have permission [${permission}]`);
}
/** Easemob「用户体系集成 › 账号禁用与解禁」: the 401 those two endpoints document instead. */
export function noAdminAccess() {
    return errorResult(401, 'unauthorized', `${usergrid}.rest.exceptions.SecurityException`, 'No admin user access authorized');
}
export function badAccessToken(expired) {
    return errorResult(401, 'auth_bad_access_token', `${usergrid}.rest.exceptions.SecurityException`, `Unable to authenticate due to ${expired ? 'expired' : 'corrupt'} access token`);
}
/**
 * `given` keeps the caller's spelling: Easemob「用户体系集成 › 注册单个用户(开放)」 answers "value
 * of User1 exists".
 */
export function duplicateUsername(given) {
    return errorResult(400, 'duplicate_unique_property_exists', `${usergrid}.persistence.exceptions.DuplicateUniquePropertyExistsException`, `Application null Entity user requires that property named username be unique, value of ${given} exists`);
}
export function entityNotFound() {
    return errorResult(404, 'entity_not_found', `${usergrid}.persistence.exceptions.EntityNotFoundException`, 'User null not found');
}
export function requiredUsername() {
    return errorResult(400, 'required_property_not_found', `${usergrid}.persistence.exceptions.RequiredPropertyNotFoundException`, 'Entity user requires a property named username');
}
export function managementUserMissing(appUuid) {
    return errorResult(400, 'management', `${usergrid}.management.exceptions.ManagementException`, `User with id null does not exist in app ${appUuid}`);
}
export function illegalArgument(description) {
    return errorResult(400, 'illegal_argument', 'java.lang.IllegalArgumentException', description);
}
/**
 * Easemob「用户体系集成 › 获取用户token」 prints this one without an `exception` field; kept that
 * way.
 */
export function invalidGrant(description) {
    return {
        status: 400,
        body: {
            error: 'invalid_grant',
            timestamp: Date.now(),
            duration: 0,
            error_description: description,
        },
    };
}
export function jsonParse(description) {
    return errorResult(400, 'json_parse', 'com.fasterxml.jackson.core.JsonParseException', description);
}
export function queryParse(description) {
    return errorResult(400, 'query_parse', `${usergrid}.persistence.exceptions.QueryParseException`, description);
}
export function reachLimit() {
    return errorResult(429, 'reach_limit', 'EasemobLimitException', 'This request has reached api limit');
}
export function orgAppNotFound(path) {
    return errorResult(404, 'organization_application_not_found', `${usergrid}.rest.exceptions.OrganizationApplicationNotFoundException`, `Could not find application for ${path}`);
}
/** The body a status fault answers with when the test gave none. */
export function bodyForStatus(status) {
    switch (status) {
        case 429:
            return reachLimit().body;
        case 400:
            return illegalArgument('Bad request').body;
        case 401:
            return badAccessToken(false).body;
        case 404:
            return resourceNotFound().body;
        case 500:
            return errorResult(500, 'internal_server_error', 'java.lang.RuntimeException', 'Internal server error').body;
        case 502:
            return errorResult(502, 'bad_gateway', 'BadGatewayException', 'Bad gateway').body;
        case 503:
            return errorResult(503, 'service_unavailable', 'ServiceUnavailableException', 'Service is unavailable, please retry later').body;
        case 504:
            return errorResult(504, 'gateway_timeout', 'GatewayTimeoutException', 'Gateway timeout').body;
        default:
            return status >= 500
                ? errorResult(status, 'server_error', 'java.lang.RuntimeException', `HTTP ${status}`).body
                : errorResult(status, 'request_error', 'java.lang.IllegalStateException', `HTTP ${status}`)
                    .body;
    }
}
//# sourceMappingURL=envelope.js.map