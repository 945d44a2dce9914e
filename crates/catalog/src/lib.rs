//! AWS service data (actions, access levels, resource types, condition
//! keys) and AWS managed policies, compiled into the binary.
