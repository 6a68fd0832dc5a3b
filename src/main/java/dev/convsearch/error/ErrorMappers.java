package dev.convsearch.error;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one table from exception to status and body. Bodies are FastAPI's: {@code {"detail": [...]}} for a 422,
 * {@code {"detail": "..."}} for the rest. No stack trace or driver message ever reaches a client.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public RestResponse<ValidationDetail> invalid(RequestValidationException e) {
        return unprocessable(e.errors());
    }

    /** A JSON body of the wrong shape: wrong type, bad enum value, unknown field. */
    @ServerExceptionMapper
    public RestResponse<ValidationDetail> mismatchedBody(MismatchedInputException e) {
        return unprocessable(List.of(JsonErrors.of(e)));
    }

    /** JAX-RS' own answers (unknown path, wrong method, unreadable JSON...) in the same shape. */
    @ServerExceptionMapper
    public RestResponse<?> webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException) {
            return unprocessable(List.of(FastApiErrors.jsonInvalid()));
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return detail(status.getStatusCode(), status.getReasonPhrase());
    }

    @ServerExceptionMapper
    public RestResponse<ErrorDetail> notFound(ConversationNotFoundException e) {
        return detail(404, "Conversation not found");
    }

    @ServerExceptionMapper
    public RestResponse<ErrorDetail> exists(ConversationExistsException e) {
        return detail(409, "Conversation already exists");
    }

    @ServerExceptionMapper
    public RestResponse<ErrorDetail> keyNotFound(ApiKeyNotFoundException e) {
        return detail(404, "API key not found");
    }

    @ServerExceptionMapper
    public RestResponse<ErrorDetail> tooManyKeys(TooManyApiKeysException e) {
        return detail(409, e.getMessage());
    }

    /** Tells the client to close the connection rather than send the rest of a body nobody will read. */
    @ServerExceptionMapper
    public RestResponse<ErrorDetail> bodyTooLarge(BodyTooLargeException e) {
        return detail(e.status(), e.getMessage(), "Connection", "close");
    }

    @ServerExceptionMapper
    public RestResponse<ErrorDetail> tooManyEvents(TooManyEventsException e) {
        return detail(413, e.getMessage());
    }

    @ServerExceptionMapper
    public RestResponse<ErrorDetail> rateLimited(RateLimitedException e) {
        return detail(429, "Too many requests", "Retry-After", e.retryAfterSeconds());
    }

    /** Missing, unknown, revoked or expired key: one identical answer, so nothing tells them apart. */
    @ServerExceptionMapper({ AuthenticationFailedException.class, AuthenticationCompletionException.class,
            UnauthorizedException.class, ForbiddenException.class })
    public RestResponse<ErrorDetail> unauthorized(Exception e) {
        return detail(401, "Unauthorized");
    }

    /**
     * MongoDB unreachable, between primaries, or without a majority to acknowledge a write in time: tell the client to
     * retry instead of hanging. (A pool the driver cleared after a failed operation is the same outage seen from another
     * request.)
     */
    @ServerExceptionMapper({ MongoTimeoutException.class, MongoSocketException.class,
            MongoConnectionPoolClearedException.class, MongoServerUnavailableException.class,
            MongoNotPrimaryException.class, MongoNodeIsRecoveringException.class, MongoWriteConcernException.class })
    public RestResponse<ErrorDetail> unavailable(Exception e) {
        LOG.warnf("MongoDB unavailable: %s", e.getClass().getSimpleName());
        return detail(503, "Service unavailable", "Retry-After", RETRY_AFTER_SECONDS);
    }

    /** A search with q while the search index catches up at start: as an outage, to retry shortly. */
    @ServerExceptionMapper
    public RestResponse<ErrorDetail> searchIndexNotReady(SearchIndexNotReadyException e) {
        return detail(503, "Service unavailable", "Retry-After", RETRY_AFTER_SECONDS);
    }

    @ServerExceptionMapper
    public RestResponse<ErrorDetail> unexpected(Throwable e) {
        LOG.error("Unexpected failure", e);
        return detail(500, "Internal server error");
    }

    private static RestResponse<ValidationDetail> unprocessable(List<ValidationError> errors) {
        return respond(422, new ValidationDetail(errors));
    }

    private static RestResponse<ErrorDetail> detail(int status, String detail) {
        return respond(status, new ErrorDetail(detail));
    }

    /** {@code {"detail": ...}} with one header, such as Retry-After. */
    private static RestResponse<ErrorDetail> detail(int status, String detail, String header, Object value) {
        return json(status, new ErrorDetail(detail)).header(header, value).build();
    }

    private static <T> RestResponse<T> respond(int status, T body) {
        return json(status, body).build();
    }

    /** Always JSON, whatever the request's Accept header asked for (as FastAPI answers errors). */
    private static <T> RestResponse.ResponseBuilder<T> json(int status, T body) {
        return RestResponse.ResponseBuilder.<T> create(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }
}
