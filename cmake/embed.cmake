# Turns a text file into a C source defining `const char giji_schema_sql[]`.
file(READ ${IN} content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE ${OUT} "/* generated from schema.sql: do not edit */\nconst char giji_schema_sql[] = {${bytes}0x00};\n")
