"""The plain-data codec: what round-trips, what is refused on either side."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autograder.protocol.codec import MAX_DEPTH, Decoder, Encoder, ProtocolError, dumps, loads


def roundtrip(value, on_object=None):
    encoder = Encoder(on_object=on_object)
    document = loads(dumps(encoder.encode(value)))
    return Decoder(list(encoder.blobs)).decode(document)


@pytest.mark.parametrize(
    "value",
    [
        None, True, False, 0, -17, 2**100, -(2**80), 1.5, -0.0, "", "héllo ✓", "\ud800",
        b"", b"\x00\xffbytes", (), (1, "a"), [], [1, [2, [3]]], {1, 2, "x"}, frozenset(),
        {}, {"a": 1}, {1: "one", (2, 3): [4], None: b"x", 1.5: True},
        {"nested": [(1, {2: (3, [b"z"])}), {"s": {4, 5}}]},
    ],
    ids=repr,
)
def test_plain_values_round_trip(value):
    result = roundtrip(value)
    expected = set(value) if type(value) is frozenset else value
    assert result == expected
    assert type(result) is type(expected)


def test_container_types_are_preserved_deeply():
    result = roundtrip({"t": (1, [2]), "l": [(3,)], "s": {(4, 5)}})
    assert type(result["t"]) is tuple and type(result["t"][1]) is list
    assert type(result["l"][0]) is tuple
    assert result["s"] == {(4, 5)}


def test_bool_stays_bool_and_not_int():
    assert roundtrip([True, 1]) == [True, 1]
    assert [type(v) for v in roundtrip([True, 1])] == [bool, int]


@pytest.mark.parametrize("value", [math.inf, -math.inf])
def test_infinities_round_trip(value):
    assert roundtrip(value) == value


def test_nan_round_trips():
    assert math.isnan(roundtrip(math.nan))
    assert math.isnan(roundtrip([1.0, math.nan])[1])


def test_encoded_document_is_strict_json():
    encoder = Encoder()
    text = dumps(encoder.encode([math.nan, math.inf]))
    assert b"NaN" not in text and b"Infinity" not in text


@pytest.mark.parametrize(
    "array",
    [
        np.arange(12, dtype=np.float64).reshape(3, 4),
        np.arange(6, dtype=np.float32).reshape(2, 3),
        np.array([1.5, -2.0], dtype=np.float16),
        np.arange(24, dtype=np.int8).reshape(2, 3, 4),
        np.array([0, 255], dtype=np.uint8),
        np.array([-(2**40), 2**40], dtype=np.int64),
        np.array([True, False, True]),
        np.array([1 + 2j, -3j], dtype=np.complex128),
        np.arange(6, dtype=">i4").reshape(3, 2),
        np.zeros((0,), dtype=np.float64),
        np.zeros((0, 3), dtype=np.float32),
        np.zeros((2, 0, 4), dtype=np.int32),
        np.array([math.nan, math.inf, -math.inf]),
    ],
    ids=lambda a: f"{a.dtype.str}{list(a.shape)}",
)
def test_numpy_arrays_round_trip(array):
    result = roundtrip(array)
    assert isinstance(result, np.ndarray)
    assert result.dtype == array.dtype
    assert result.shape == array.shape
    np.testing.assert_array_equal(result, array)


def test_non_contiguous_array_round_trips():
    array = np.arange(20.0).reshape(4, 5)[::2, ::-1].T
    result = roundtrip(array)
    np.testing.assert_array_equal(result, array)
    assert result.flags.writeable


def test_arrays_nested_in_containers():
    value = {"w": [np.ones((2, 2)), (np.arange(3),)]}
    result = roundtrip(value)
    np.testing.assert_array_equal(result["w"][0], np.ones((2, 2)))
    np.testing.assert_array_equal(result["w"][1][0], np.arange(3))


def test_bytes_travel_as_blobs():
    encoder = Encoder()
    document = encoder.encode([b"abc", bytearray(b"de")])
    assert encoder.blobs == [b"abc", b"de"]
    assert Decoder(encoder.blobs).decode(loads(dumps(document))) == [b"abc", b"de"]


@pytest.mark.parametrize("array", [np.array(5, dtype=np.int16), np.array(2.5)], ids=["int16", "float64"])
def test_zero_dimensional_array_keeps_its_shape(array):
    result = roundtrip(array)
    assert isinstance(result, np.ndarray) and result.shape == ()
    assert result.dtype == array.dtype and result == array


@pytest.mark.parametrize(
    "scalar", [np.float32(1.5), np.float64(-2.0), np.int64(3), np.uint8(200), np.bool_(True), np.complex64(1j)],
    ids=lambda s: type(s).__name__,
)
def test_numpy_scalars_keep_their_type(scalar):
    result = roundtrip(scalar)
    assert type(result) is type(scalar)
    assert result == scalar


def test_numpy_scalar_value_and_dtype_survive():
    # The part of the scalar round trip that works today: value and dtype are kept.
    result = roundtrip(np.float32(1.5))
    assert np.asarray(result).dtype == np.float32
    assert float(np.asarray(result).reshape(-1)[0]) == 1.5


# --- encoder refusals ---------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        np.array([1, "a"], dtype=object),
        np.zeros(2, dtype=[("x", "f8"), ("y", "i4")]),
        np.array(["abc"]),
        np.array([b"ab"]),
        np.array(["2020-01-01"], dtype="datetime64[D]"),
    ],
    ids=["object", "structured", "unicode", "bytes-S", "datetime"],
)
def test_encoder_refuses_non_numeric_arrays(value):
    with pytest.raises(TypeError, match="dtype"):
        Encoder().encode(value)


def test_encoder_refuses_object_array_even_inside_containers():
    with pytest.raises(TypeError):
        Encoder().encode({"a": [np.array([None], dtype=object)]})


class Opaque:
    pass


@pytest.mark.parametrize("value", [Opaque(), object(), lambda: 1, type, range(3)], ids=lambda v: type(v).__name__)
def test_encoder_refuses_unknown_types_without_hook(value):
    with pytest.raises(TypeError, match="cannot send"):
        Encoder().encode(value)


@pytest.mark.parametrize("value", [[Opaque()], {"k": Opaque()}, (Opaque(),)])
def test_encoder_refuses_unknown_types_nested(value):
    with pytest.raises(TypeError):
        Encoder().encode(value)


def test_subclasses_of_containers_go_to_the_hook():
    class MyList(list):
        pass

    seen = []

    def hook(value, encoder):
        seen.append(type(value).__name__)
        return {"$x": len(seen)}

    document = Encoder(on_object=hook).encode([MyList([1]), Opaque()])
    assert seen == ["MyList", "Opaque"]
    assert document == [{"$x": 1}, {"$x": 2}]


def test_hook_output_is_decoded_by_tag_hook():
    encoder = Encoder(on_object=lambda value, enc: {"$opaque": type(value).__name__})
    document = loads(dumps(encoder.encode({"k": Opaque()})))
    result = Decoder(encoder.blobs, on_tag=lambda tag, payload, dec: (tag, payload)).decode(document)
    assert result == {"k": ("$opaque", "Opaque")}


def nest_lists(depth):
    value = 0
    for _ in range(depth):
        value = [value]
    return value


def test_encoder_refuses_too_deep_nesting():
    with pytest.raises(TypeError, match="deep"):
        Encoder().encode(nest_lists(MAX_DEPTH + 5))


def test_encoder_accepts_nesting_up_to_the_limit():
    assert roundtrip(nest_lists(MAX_DEPTH)) == nest_lists(MAX_DEPTH)


def test_self_referencing_list_is_refused_not_infinite():
    value = []
    value.append(value)
    with pytest.raises(TypeError):
        Encoder().encode(value)


def test_every_value_the_encoder_accepts_decodes():
    value = 0
    for _ in range(MAX_DEPTH // 2 + 5):
        value = (value,)
    assert roundtrip(value) == value


# --- decoder refusals -----------------------------------------------------------------


def decode(document, blobs=()):
    return Decoder(list(blobs)).decode(document)


def test_unknown_tag_is_refused():
    with pytest.raises(ProtocolError, match="unknown tag"):
        decode({"$evil": [1]})


def test_unknown_tag_nested_is_refused():
    with pytest.raises(ProtocolError):
        decode([1, {"$t": [{"$h": 3}]}])


@pytest.mark.parametrize("document", [{}, {"a": 1, "b": 2}, {"$t": [], "$d": []}, {"plain": "object"}])
def test_plain_json_objects_are_refused(document):
    with pytest.raises(ProtocolError):
        decode(document)


@pytest.mark.parametrize("dtype", ["O", "|O", "V8", "|V8", "<U4", "S3", "<M8[D]", "object", "f8,i4", 7, None])
def test_bad_dtypes_are_refused(dtype):
    with pytest.raises(ProtocolError, match="dtype"):
        decode({"$a": [0, dtype, [1], False]}, [b"\0" * 8])


@pytest.mark.parametrize("dtype", ["i0", "f3", "c4"])
def test_pattern_matching_but_invalid_dtypes_are_protocol_errors(dtype):
    with pytest.raises(ProtocolError):
        decode({"$a": [0, dtype, [1], False]}, [b"\0" * 8])


@pytest.mark.parametrize(
    "shape, nbytes",
    [([2, 2], 8 * 3), ([3], 8 * 4), ([], 0), ([0], 8), ([2, 3], 8 * 5)],
)
def test_shape_size_mismatch_is_refused(shape, nbytes):
    with pytest.raises(ProtocolError, match="size"):
        decode({"$a": [0, "<f8", shape, False]}, [b"\0" * nbytes])


@pytest.mark.parametrize("shape", [[-1], [2, -2], [1.5], ["2"], "2", None, [True]])
def test_bad_shapes_are_refused(shape):
    with pytest.raises(ProtocolError):
        decode({"$a": [0, "<f8", shape, False]}, [b"\0" * 16])


@pytest.mark.parametrize("header", [[0, "<f8", [1]], "x", [0, "<f8", [1], False, 9], {"a": 1}])
def test_bad_array_headers_are_refused(header):
    with pytest.raises(ProtocolError):
        decode({"$a": header}, [b"\0" * 8])


@pytest.mark.parametrize("index", [1, -1, 99, "0", 0.0, None, True])
def test_blob_index_out_of_range_is_refused(index):
    with pytest.raises(ProtocolError, match="blob"):
        decode({"$b": index}, [b"only one"])


def test_array_blob_index_out_of_range_is_refused():
    with pytest.raises(ProtocolError, match="blob"):
        decode({"$a": [3, "<f8", [1], False]}, [b"\0" * 8])


@pytest.mark.parametrize(
    "document",
    [
        {"$d": [[[1, 2], "v"]]},
        {"$d": [[{"$d": []}, "v"]]},
        {"$d": [[{"$set": []}, "v"]]},
        {"$set": [[1]]},
    ],
)
def test_unhashable_keys_are_refused(document):
    with pytest.raises(ProtocolError, match="unhashable"):
        decode(document)


@pytest.mark.parametrize("document", [{"$d": "x"}, {"$d": [[1]]}, {"$d": [[1, 2, 3]]}, {"$d": [5]}])
def test_bad_dict_payloads_are_refused(document):
    with pytest.raises(ProtocolError):
        decode(document)


@pytest.mark.parametrize("payload", ["NaN", "1.5", "Infinity", 1, None])
def test_bad_float_payloads_are_refused(payload):
    with pytest.raises(ProtocolError, match="float"):
        decode({"$f": payload})


def test_decoder_refuses_too_deep_documents():
    with pytest.raises(ProtocolError, match="deep"):
        decode(nest_lists(MAX_DEPTH + 5))


def test_decoded_arrays_are_writeable_copies():
    blob = bytearray(np.arange(3.0).tobytes())
    result = decode({"$a": [0, "<f8", [3], False]}, [bytes(blob)])
    result[0] = 42.0
    assert result.tolist() == [42.0, 1.0, 2.0]


@pytest.mark.parametrize("text", [b"NaN", b"[1, NaN]", b"Infinity", b"-Infinity", b'{"a": NaN}'])
def test_loads_rejects_non_standard_constants(text):
    with pytest.raises(ProtocolError, match="malformed"):
        loads(text)


@pytest.mark.parametrize("text", [b"", b"{", b"[1,]", b"\xff\xfe", b"nul"])
def test_loads_rejects_malformed_json(text):
    with pytest.raises(ProtocolError):
        loads(text)


def test_loads_rejects_absurd_nesting_without_crashing():
    with pytest.raises(ProtocolError):
        loads(b"[" * 100_000 + b"]" * 100_000)


def test_dumps_refuses_raw_nan():
    with pytest.raises(ValueError):
        dumps([math.nan])
