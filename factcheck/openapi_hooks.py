"""drf-spectacular post-processing: what the API accepts that the generator cannot see."""


def blank_query_means_absent(result: dict, generator, request, public) -> dict:
    """Mark every optional query parameter `allowEmptyValue`: `?status=` means "not given".

    DRF's paginator, django-filter and the export views all skip an empty value,
    and HTML forms send one for every field left blank. Without the flag the
    schema would call `?page=` invalid, and schema-driven clients and fuzzers
    would expect a 400 the API has never given.
    """
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query" and not parameter.get("required"):
                    parameter["allowEmptyValue"] = True
    return result
