import { ArgumentsHost, Catch, HttpException, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ContractViolation } from '@gbt/contracts';
import { ConcurrencyError } from '@gbt/event-store';
import { currentCorrelation, errorFields, type JsonLogger } from '@gbt/messaging';
import { DomainRefusal, PreconditionRequired } from './http-errors';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extra: string]: unknown;
}

/** Every error leaves as application/problem+json that says what is wrong; lost races are 409, never 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception);
    if (problem.status >= 500) this.logger.error('request failed', errorFields(exception));
    if (typeof problem.currentVersion === 'number') res.setHeader('ETag', `"${problem.currentVersion}"`);
    // A refusal to come back later (429, 503) says when, in seconds, as its retryAfterSeconds parameter.
    const retryAfter = exception instanceof DomainRefusal ? exception.params?.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(Math.ceil(retryAfter)));
    res
      .status(problem.status)
      .type('application/problem+json')
      .json({ ...problem, correlationId: currentCorrelation()?.correlationId });
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof ConcurrencyError) {
      return {
        type: 'urn:gbt:problem:concurrency',
        title: 'The resource was changed by someone else',
        status: HttpStatus.CONFLICT,
        detail: exception.message,
        currentVersion: exception.currentVersion,
      };
    }
    if (exception instanceof PreconditionRequired) {
      return {
        type: 'urn:gbt:problem:if-match-required',
        title: 'Precondition required',
        status: HttpStatus.PRECONDITION_REQUIRED,
        detail: exception.message,
        currentVersion: exception.currentVersion,
      };
    }
    if (exception instanceof DomainRefusal) {
      return { type: `urn:gbt:problem:domain:${exception.code}`, title: exception.code, status: exception.status, detail: exception.message, code: exception.code, ...(exception.params ? { params: exception.params } : {}) };
    }
    if (exception instanceof ContractViolation) {
      return { type: 'urn:gbt:problem:invalid-input', title: 'Invalid input', status: HttpStatus.BAD_REQUEST, detail: exception.message, errors: exception.details };
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      return {
        type: `urn:gbt:problem:http-${exception.getStatus()}`,
        title: exception.name,
        status: exception.getStatus(),
        detail: Array.isArray(detail) ? detail.join('; ') : String(detail),
      };
    }
    const parserStatus = bodyParserStatus(exception);
    if (parserStatus) {
      const detail = parserStatus === 413 ? 'the request body is larger than this endpoint accepts' : `the request body cannot be read: ${(exception as Error).message}`;
      return { type: `urn:gbt:problem:http-${parserStatus}`, title: 'Unreadable request body', status: parserStatus, detail };
    }
    return { type: 'urn:gbt:problem:internal', title: 'Internal error', status: HttpStatus.INTERNAL_SERVER_ERROR, detail: 'An unexpected error occurred; it has been logged.' };
  }
}

/** Express's body parser fails before any route runs, with its own error carrying a 4xx status. */
function bodyParserStatus(exception: unknown): number | undefined {
  const { type, status } = (exception ?? {}) as { type?: unknown; status?: unknown };
  return typeof type === 'string' && type.startsWith('entity.') && typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
