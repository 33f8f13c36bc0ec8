// Package iop calls iop's document API through its C ABI (libiop_c, include/iop/iop.h) with cgo.
//
//	status, body := iop.Call("calendar.build", `{"api_version":1,"plan":{...}}`)
//	if status != iop.OK { /* body is an error object */ }
//
// Build with CGO_CFLAGS=-I<iop>/include and CGO_LDFLAGS="-L<dir of libiop_c.so> -liop_c".
// Safe for concurrent use: the library keeps no state between calls.
package iop

/*
#cgo LDFLAGS: -liop_c
#include <stdlib.h>
#include <iop/iop.h>
*/
import "C"

import "unsafe"

// Status codes of iop_call (enum iop_status).
const (
	OK              = 0
	Validation      = 1
	NotFound        = 2
	Overflow        = 3
	Internal        = 4
	InvalidArgument = 5
)

// Call runs operation on a JSON request and returns the status and the response document.
func Call(operation string, request string) (int, string) {
	op := C.CString(operation)
	defer C.free(unsafe.Pointer(op))
	var data *C.char
	if len(request) > 0 {
		data = (*C.char)(unsafe.Pointer(unsafe.StringData(request)))
	}
	var response *C.char
	var length C.size_t
	status := C.iop_call(op, data, C.size_t(len(request)), &response, &length)
	if response == nil {
		return int(status), ""
	}
	defer C.iop_free(response)
	return int(status), C.GoStringN(response, C.int(length))
}

// Version is the library's version, e.g. "0.1.0".
func Version() string { return C.GoString(C.iop_version()) }

// APIVersion is the version of the request and response documents (1).
func APIVersion() int { return int(C.iop_api_version()) }
