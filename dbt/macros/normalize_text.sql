{#- The SQL twin of fazhi.text.normalize: fold full-width digits, letters and
    number symbols to ASCII, one character for one, so offsets still point
    into the raw text. tests/test_normalize.py keeps the two tables equal. -#}
{% macro normalize_text(column) -%}
translate(
    {{ column }},
    '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ％．＋－／＝＜＞　',
    '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%.+-/=<> '
)
{%- endmacro %}
