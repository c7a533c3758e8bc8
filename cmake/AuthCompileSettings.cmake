# Warnings, hardening and sanitizers for every target of the project, in one place.
add_compile_options(-Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
if(FATAL_WARNINGS)
  add_compile_options(-Werror)
endif()

# Hardening that costs nothing measurable.
add_compile_definitions($<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
add_compile_options(-fstack-protector-strong -fPIE)
add_link_options(-Wl,-z,relro,-z,now -pie)

if(AUTH_SANITIZE)
  add_compile_options(-fsanitize=${AUTH_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=${AUTH_SANITIZE})
endif()
