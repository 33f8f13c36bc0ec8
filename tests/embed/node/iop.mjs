// iop's document API from Node.js, through the C ABI (libiop_c, include/iop/iop.h) with koffi.
//
//   import { call } from './iop.mjs';
//   const { status, body } = call('calendar.build', '{"api_version":1,"plan":{...}}');
//   if (status !== OK) console.error(body);  // an error object
//
// The library is found through IOP_C_LIBRARY (a path to libiop_c.so), else ../../../build/dev.
import koffi from 'koffi';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const library = koffi.load(process.env.IOP_C_LIBRARY ?? path.join(here, '..', '..', '..', 'build', 'dev', 'libiop_c.so'));

const iop_call = library.func(
  'int iop_call(const char *operation, const uint8_t *request, size_t request_len, _Out_ void **response, _Out_ size_t *response_len)');
const iop_free = library.func('void iop_free(void *response)');
const iop_version = library.func('const char *iop_version(void)');
const iop_api_version = library.func('int iop_api_version(void)');

/** Status codes of iop_call (enum iop_status). */
export const OK = 0, VALIDATION = 1, NOT_FOUND = 2, OVERFLOW = 3, INTERNAL = 4, INVALID_ARGUMENT = 5;

/** Runs `operation` on a JSON request (a string, sent as UTF-8); returns the status and the response text. */
export function call(operation, request) {
  const bytes = Buffer.from(request, 'utf8');
  const response = [null];
  const length = [0];
  const status = iop_call(operation, bytes, bytes.length, response, length);
  if (response[0] === null) return { status, body: '' };
  try {
    const body = Buffer.from(koffi.view(response[0], Number(length[0]))).toString('utf8');
    return { status, body };
  } finally {
    iop_free(response[0]);
  }
}

/** The library's version, e.g. "0.1.0". */
export const version = () => iop_version();
/** The version of the request and response documents (1). */
export const apiVersion = () => iop_api_version();
