login = Log in
    .title = Open your account
logout = Log out
