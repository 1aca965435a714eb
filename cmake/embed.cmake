# Turns a text file into a C source defining `const char NAME[]` (NUL-terminated;
# NAME defaults to giji_schema_sql). Used for schema.sql and the report's
# report.js, report.css and report.html.
if(NOT DEFINED NAME)
  set(NAME giji_schema_sql)
endif()
get_filename_component(base ${IN} NAME)
file(READ ${IN} content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE ${OUT} "/* generated from ${base}: do not edit */\nconst char ${NAME}[] = {${bytes}0x00};\n")
