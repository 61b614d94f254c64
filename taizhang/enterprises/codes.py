"""Simulated 统一社会信用代码 for demo and test enterprises: valid by construction (the kernel's check
characters), with an 主体标识码 body no real code starts with ("Y" + 7 digits is outside what 工商 issued
as 组织机构代码 bodies [INFERRED]); every code made here is flagged ``uscc_simulated``."""

from taizhang.core.enterprises import org_code_check_char, uscc_check_char


def simulated_uscc(serial: int, region: str = "140700") -> str:
    """A valid 统一社会信用代码 for 工商 企业 (91) in ``region``, unique per ``serial`` (0 … 9,999,999)."""
    if not 0 <= serial < 10_000_000:
        raise ValueError(f"serial out of range: {serial}")
    body = f"Y{serial:07d}"
    first17 = f"91{region}{body}{org_code_check_char(body)}"
    return first17 + uscc_check_char(first17)
